import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { inputById, typeInto } from '@renderer/test/dom'
import { createFakeApi, makeToken } from '@renderer/test/fake-api'
import { DEFAULT_FAKE_CATALOG } from '@renderer/test/fake-catalog'
import { mountApp, settle } from '@renderer/test/mount-app'
import { clickOption, openSelect, optionTexts, pressEnter } from '@renderer/test/select'
import { formEdit, formFromToken, type TokenForm } from '@renderer/lib/token-form'
import { draftBaseOf } from '@shared/domain/draft-base'
import { DEFAULT_SERVER_FACTS } from '@shared/domain/server-facts'
import TokenEditorForm from './token-editor-form.vue'

// The model whitelist inside the editor form: it offers the models of the group selected (asked from the
// server's catalog), marks a listed model the group does not offer, warns about an empty list, and the
// edit carries the names comma-joined without spaces.

afterEach(() => {
  document.body.innerHTML = ''
})

async function mountForm(tokenPatch: Parameters<typeof makeToken>[0], options: { offline?: boolean } = {}) {
  const fake = createFakeApi()
  fake.network.offline = options.offline ?? false
  const token = makeToken({ model_limits_enabled: true, ...tokenPatch })
  const form = ref<TokenForm>(formFromToken(token, DEFAULT_SERVER_FACTS))
  const Host = defineComponent({
    setup: () => () =>
      h(TokenEditorForm, {
        form: form.value,
        'onUpdate:form': (value: TokenForm) => (form.value = value),
        profileId: 'p1',
        facts: DEFAULT_SERVER_FACTS,
        issues: {},
      }),
  })
  mountApp(Host, { fake })
  await settle()
  const context = {
    base: draftBaseOf(token),
    facts: DEFAULT_SERVER_FACTS,
    nowSeconds: 1_700_000_000,
    shownAmount: form.value.amount,
    shownQuota: null,
  }
  return { fake, form, edit: () => formEdit(form.value, context), input: () => inputById('token-models') }
}

const field = () => inputById('token-models').closest('.n-form-item') as HTMLElement

describe('model select', () => {
  it('offers the models of the selected group and follows the group when it changes', async () => {
    const { fake, form, input } = await mountForm({ group: 'vip', model_limits: 'gpt-4o' })
    expect(fake.callsOf('catalog.models')).toEqual([{ profileId: 'p1', group: 'vip' }])
    openSelect(input())
    await settle()
    expect(optionTexts().sort()).toEqual([...DEFAULT_FAKE_CATALOG.models.vip!].sort())
    expect(field().textContent).toContain(
      `Models offered in vip · ${DEFAULT_FAKE_CATALOG.models.vip!.length}`,
    )

    form.value = { ...form.value, group: '' }
    await settle()
    // '' is the user's own group: its models, under its one name.
    expect(fake.callsOf('catalog.models').at(-1)).toEqual({ profileId: 'p1', group: '' })
    openSelect(input())
    await settle()
    expect(optionTexts().sort()).toEqual([...DEFAULT_FAKE_CATALOG.models.default!].sort())
    expect(field().textContent).toContain('Models offered in Default (your group: default)')
  })

  it('keeps a listed model the group does not offer, marked, and says what that means', async () => {
    const { edit } = await mountForm({ group: 'default', model_limits: 'gpt-4o,claude-3-5-sonnet' })
    const flagged = [...field().querySelectorAll('[data-unknown="true"]')].map((tag) => tag.textContent)
    expect(flagged).toEqual(['⚠ claude-3-5-sonnet'])
    expect(field().textContent).toContain('gpt-4o')
    expect(field().textContent).toContain('Marked models are not offered in the selected group')
    // Nothing was dropped: untouched, the list is not even part of the edit.
    expect(edit().changes.model_limits).toBeUndefined()
  })

  it('warns while the list is empty, and sends the chosen names comma-joined without spaces', async () => {
    const { edit, input, form } = await mountForm({ group: 'vip', model_limits: '' })
    expect(field().textContent).toContain('this token can use no model at all')
    openSelect(input())
    await settle()
    clickOption('o3-mini')
    await settle()
    clickOption('gpt-4o')
    await settle()
    // The models a typed text matches come first, so Enter takes the first of them; the text itself is
    // offered after them, saying what choosing it adds.
    typeInto(input(), 'mini')
    await settle()
    const shown = [...document.querySelectorAll('.n-base-select-option')].map((option) => option.textContent)
    expect(shown).toEqual(['o3-mini', 'Add “mini” as typednot offered in this group'])
    typeInto(input(), 'claude')
    await settle()
    pressEnter(input())
    await settle()
    expect(edit().changes.model_limits).toBe('o3-mini,gpt-4o,claude-3-5-sonnet')
    // A name typed in full is that model, even where a longer one that starts with it is listed first.
    form.value.group = 'auto'
    await settle()
    typeInto(input(), 'gpt-4o')
    await settle()
    expect(document.querySelector('.n-base-select-option')?.textContent).toBe('gpt-4o')
    // A typed entry with a space and a comma becomes two names.
    typeInto(input(), 'my-model other-model')
    await settle()
    pressEnter(input())
    await settle()
    expect(field().textContent).not.toContain('this token can use no model at all')
    expect(edit().changes.model_limits).toBe('o3-mini,gpt-4o,claude-3-5-sonnet,my-model,other-model')
  })

  it('is a combobox named for the field, and each model has a remove button named for it', async () => {
    const { edit } = await mountForm({ group: 'vip', model_limits: 'gpt-4o,o3-mini' })
    // What the keyboard lands on: Naive's tag box, named as the field (not "gpt-4o close loading").
    const box = field().querySelector<HTMLElement>('[tabindex="0"]')!
    expect(box.getAttribute('role')).toBe('combobox')
    expect(box.getAttribute('aria-label')).toBe('Allowed models')
    expect(box.getAttribute('aria-expanded')).toBe('false')
    const removers = [...field().querySelectorAll('button')].map((button) =>
      button.getAttribute('aria-label'),
    )
    expect(removers).toEqual(['Remove model gpt-4o', 'Remove model o3-mini'])
    field().querySelector<HTMLButtonElement>('button[aria-label="Remove model gpt-4o"]')!.click()
    await settle()
    expect(edit().changes.model_limits).toBe('o3-mini')
  })

  it('lets names be typed when the server cannot be read', async () => {
    const { form } = await mountForm({ model_limits: 'gpt-4o' }, { offline: true })
    expect(field().textContent).toContain('The server’s models could not be read: type model names.')
    // Nothing is marked unknown when the group's models are not known.
    expect(field().querySelectorAll('[data-unknown="true"]')).toHaveLength(0)
    typeInto(inputById('token-models'), 'claude-3')
    await settle()
    pressEnter(inputById('token-models'))
    await settle()
    expect(form.value.models).toEqual(['gpt-4o', 'claude-3'])
    // The group can be typed too.
    typeInto(inputById('token-group'), 'gold')
    await settle()
    expect(form.value.group).toBe('gold')
  })
})
