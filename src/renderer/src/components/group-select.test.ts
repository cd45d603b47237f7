import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import type { GroupCatalog } from '@shared/domain/group-catalog'
import { inputById, typeInto } from '@renderer/test/dom'
import { DEFAULT_FAKE_CATALOG } from '@renderer/test/fake-catalog'
import { mountApp, settle } from '@renderer/test/mount-app'
import { clickOption, openSelect, optionTexts, pressEnter } from '@renderer/test/select'
import GroupSelect from './group-select.vue'

// The group select: the server's groups with ratio and description, the user's own group under one
// name, several groups where the server takes them, and typed names when the catalog never arrived.

afterEach(() => {
  document.body.innerHTML = ''
})

function catalogOf(patch: Partial<GroupCatalog> = {}): GroupCatalog {
  return {
    profileId: 'p1',
    ...structuredClone(DEFAULT_FAKE_CATALOG),
    fetchedAt: 1,
    source: 'server',
    error: null,
    ...patch,
  }
}

async function mountSelect(initial: string, catalog: GroupCatalog | null) {
  const group = ref(initial)
  const Host = defineComponent({
    setup: () => () =>
      h(GroupSelect, {
        modelValue: group.value,
        'onUpdate:modelValue': (value: string) => (group.value = value),
        catalog,
        inputId: 'token-group',
      }),
  })
  mountApp(Host)
  await settle()
  return { group, input: inputById('token-group') }
}

describe('group select', () => {
  it("shows each group's ratio and description, and names the empty group as the user's own", async () => {
    const catalog = catalogOf()
    const { input } = await mountSelect('', catalog)
    // The closed select already says which group '' is.
    expect(input.closest('.n-select')?.textContent).toContain(`Default (your group: ${catalog.userGroup})`)
    openSelect(input)
    await settle()
    const texts = optionTexts()
    expect(texts[0]).toBe(`Default (your group: ${catalog.userGroup})×1Default group`)
    for (const group of catalog.groups.filter((g) => g.name !== 'auto'))
      expect(texts).toContain(`${group.name}×${group.ratio}${group.description}`)
    expect(texts.at(-1)).toBe('AutoFalls back across groups')
  })

  it('sets the group chosen, and keeps a group the server does not offer, marked', async () => {
    const { group, input } = await mountSelect('retired', catalogOf())
    expect(input.closest('.n-select')?.textContent).toContain('not offered to you')
    openSelect(input)
    await settle()
    clickOption('vip')
    await settle()
    expect(group.value).toBe('vip')
  })

  it('takes several groups where the server does, with auto standing alone', async () => {
    const { group, input } = await mountSelect('', catalogOf({ multiGroup: true }))
    expect(input.closest('.n-select')?.textContent).toContain('Default (your group: default)')
    openSelect(input)
    await settle()
    clickOption('default')
    await settle()
    clickOption('vip')
    await settle()
    expect(group.value).toBe('default,vip')
    clickOption('Auto')
    await settle()
    expect(group.value).toBe('auto')
    clickOption('vip')
    await settle()
    expect(group.value).toBe('vip')
  })

  it('takes a typed name when the server was never read', async () => {
    const { group, input } = await mountSelect('', null)
    expect(input.getAttribute('placeholder')).toBe('Default (your own group)')
    typeInto(input, 'gold')
    await settle()
    expect(group.value).toBe('gold')
  })

  it('adds a typed group name that the list does not have', async () => {
    const { group, input } = await mountSelect('', catalogOf())
    openSelect(input)
    typeInto(input, 'gold')
    await settle()
    pressEnter(input)
    await settle()
    expect(group.value).toBe('gold')
  })

  it('reads as a listbox: each group an option, the chosen one selected, ↓ announced', async () => {
    const { input } = await mountSelect('vip', catalogOf())
    openSelect(input)
    await settle()
    const listbox = document.querySelector<HTMLElement>('[role="listbox"]')!
    expect(listbox.getAttribute('aria-label')).toBe('Group')
    const options = [...listbox.querySelectorAll<HTMLElement>('[role="option"]')]
    expect(options.length).toBe(optionTexts().length)
    expect(
      options.filter((o) => o.getAttribute('aria-selected') === 'true').map((o) => o.textContent),
    ).toEqual([expect.stringMatching(/^vip×/)])
    // What holds the focus names the option ↓ reaches, the one Enter would take.
    expect(input.getAttribute('aria-controls')).toBe(listbox.id)
    for (const step of [1, 2]) {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }))
      await settle()
      const reached = document.getElementById(input.getAttribute('aria-activedescendant') ?? '')
      expect(reached?.classList.contains('n-base-select-option--pending'), `after ↓ ${step}`).toBe(true)
    }
  })
})
