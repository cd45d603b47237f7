import { afterEach, describe, expect, it } from 'vitest'
import type { TokenTemplate } from '@shared/domain/token-template'
import { blur, bodyText, button, inputById, typeInto } from '@renderer/test/dom'
import { createFakeApi, makeProfile } from '@renderer/test/fake-api'
import { mountApp, settle } from '@renderer/test/mount-app'
import { clickOption, openSelect } from '@renderer/test/select'
import { useProfilesStore } from '@renderer/stores/profiles'
import TemplateManager from './template-manager.vue'

// The template manager as the user meets it on the Servers screen, with the fake bridge: make a template
// with the editor's own controls, see what it sets, get refusals at the fields (before sending, and main's
// own), edit, duplicate and remove.

afterEach(() => {
  document.body.innerHTML = ''
})

const TEAM_A: TokenTemplate = {
  id: 't1',
  name: 'Team A',
  group: 'vip',
  modelLimitsEnabled: true,
  models: 'gpt-4o',
  expiry: { kind: 'after', preset: 'month' },
  quota: { kind: 'amount', units: 10_000_000 },
}

async function open(templates: TokenTemplate[] = []) {
  const fake = createFakeApi({ profiles: [makeProfile({ id: 'p1' })], templates })
  mountApp(TemplateManager, { fake })
  await useProfilesStore().hydrate()
  await settle()
  return fake
}

const dialog = () => document.querySelector<HTMLElement>('[role="dialog"]')

/** Ticks "Sets the …" for a part of the template. */
async function tick(name: string): Promise<void> {
  const box = [...document.querySelectorAll<HTMLElement>('[role="checkbox"]')].find((el) =>
    el.textContent?.includes(name),
  )
  if (!box) throw new Error(`no checkbox "${name}"`)
  box.click()
  await settle()
}

function radio(name: string): HTMLInputElement {
  const found = [...document.querySelectorAll<HTMLInputElement>('input[type="radio"]')].find(
    (input) => input.closest('label')?.textContent?.trim() === name,
  )
  if (!found) throw new Error(`no radio "${name}"`)
  return found
}

/** The text of the template's row in the list. */
const row = (name: string) =>
  [...document.querySelectorAll('li')].find((item) => item.querySelector('strong')?.textContent === name)
    ?.textContent ?? ''

describe('template manager', () => {
  it('makes a template with the editor’s controls and lists what it sets', async () => {
    const fake = await open()
    expect(bodyText()).toContain('No templates yet.')
    button('New template').click()
    await settle()
    typeInto(inputById('template-name'), 'Team A')
    await tick('Sets the group')
    openSelect(inputById('template-group'))
    await settle()
    clickOption('vip')
    await tick('Sets the model restriction')
    openSelect(inputById('template-models'))
    await settle()
    clickOption('gpt-4o')
    await settle()
    clickOption('claude-3-5-sonnet')
    await tick('Sets the IP whitelist')
    typeInto(inputById('template-allow-ips'), '10.0.0.0/8\n203.0.113.7')
    await tick('Sets the expiry')
    radio('+30 days').click()
    await tick('Sets the quota')
    typeInto(inputById('template-quota'), '20')
    blur(inputById('template-quota'))
    await settle()
    expect(bodyText()).toContain('= 10,000,000 quota units')
    button('Save template').click()
    await settle()

    expect(fake.callsOf('templates.save')).toEqual([
      {
        id: null,
        name: 'Team A',
        group: 'vip',
        modelLimitsEnabled: true,
        models: 'gpt-4o,claude-3-5-sonnet',
        allowIps: '10.0.0.0/8\n203.0.113.7',
        expiry: { kind: 'after', preset: 'days30' },
        quota: { kind: 'amount', units: 10_000_000 },
      },
    ])
    expect(dialog()).toBeNull()
    expect(bodyText()).toContain('Template “Team A” saved.')
    expect(row('Team A')).toContain(
      'Group vip · 2 models · 2 IP entries · Expires +30 days after creation · Quota $20.00',
    )
  })

  it('refuses bad values at their fields before sending, and shows main’s refusal at the name', async () => {
    const fake = await open([TEAM_A])
    button('New template').click()
    await settle()
    await tick('Sets the IP whitelist')
    typeInto(inputById('template-allow-ips'), '10.0.0.1\n10.0.0.300')
    await tick('Sets the quota')
    button('Save template').click()
    await settle()
    expect(fake.callsOf('templates.save')).toEqual([])
    const text = dialog()?.textContent ?? ''
    expect(text).toContain('Enter a name for this template.')
    expect(text).toContain('Line 2 is not an IP address or CIDR range: “10.0.0.300”')
    expect(text).toContain('Enter an amount.')
    // The first marked field, the name, takes the focus and so comes into view.
    expect(document.activeElement).toBe(inputById('template-name'))

    // Fixing one field clears its message only.
    typeInto(inputById('template-name'), 'team a')
    await settle()
    expect(dialog()?.textContent).not.toContain('Enter a name for this template.')
    expect(dialog()?.textContent).toContain('Enter an amount.')

    typeInto(inputById('template-allow-ips'), '10.0.0.1')
    typeInto(inputById('template-quota'), '5')
    blur(inputById('template-quota'))
    await settle()
    button('Save template').click()
    await settle()
    expect(fake.callsOf('templates.save')).toHaveLength(1)
    expect(dialog()?.textContent).toContain('Another template already has this name.')
    expect(fake.templates.map((t) => t.name)).toEqual(['Team A'])
  })

  it('opens a template with its values, saves an edit, duplicates and removes', async () => {
    const fake = await open([TEAM_A])
    button('Edit template Team A').click()
    await settle()
    expect(inputById('template-name').value).toBe('Team A')
    expect(inputById('template-group').closest('.n-select')?.textContent).toContain('vip')
    expect(inputById('template-quota').value).toBe('$20.00')
    expect(radio('+1 month').checked).toBe(true)
    await tick('Sets the group') // untick: this template no longer sets the group
    button('Save template').click()
    await settle()
    const { group: _dropped, ...withoutGroup } = TEAM_A
    expect(fake.callsOf('templates.save')).toEqual([withoutGroup])
    expect(row('Team A')).not.toContain('Group')

    button('Duplicate template Team A').click()
    await settle()
    expect(bodyText()).toContain('Template copied as “Team A (2)”.')
    const copy = fake.templates.find((t) => t.name === 'Team A (2)')
    expect(copy).toMatchObject({ ...withoutGroup, id: expect.any(String), name: 'Team A (2)' })
    button('Remove template Team A (2)').click()
    await settle()
    button('Remove', document.querySelector<HTMLElement>('[role="alertdialog"]')!).click()
    await settle()
    expect(fake.callsOf('templates.delete')).toEqual([{ id: copy!.id }])
    expect(fake.templates.map((t) => t.name)).toEqual(['Team A'])
    expect(row('Team A (2)')).toBe('')
  })

  it('closes an untouched template at once, and asks before losing an edit', async () => {
    const fake = await open([TEAM_A])
    button('Edit template Team A').click()
    await settle()
    button('Cancel').click()
    await settle()
    expect(dialog()).toBeNull()

    button('Edit template Team A').click()
    await settle()
    typeInto(inputById('template-name'), 'Team B')
    await settle()
    button('Cancel').click()
    await settle()
    expect(bodyText()).toContain('Discard your changes?')
    button('Keep editing').click()
    await settle()
    expect(inputById('template-name').value).toBe('Team B')
    button('Cancel').click()
    await settle()
    button('Discard').click()
    await settle()
    expect(document.getElementById('template-name')).toBeNull()
    expect(fake.callsOf('templates.save')).toEqual([])
    expect(row('Team A')).not.toBe('')
  })

  it('names every control of the form for assistive technology', async () => {
    await open()
    button('New template').click()
    await settle()
    for (const part of [
      'Sets a name prefix',
      'Sets the group',
      'Sets the model restriction',
      'Sets the IP whitelist',
      'Sets the expiry',
      'Sets the quota',
    ])
      await tick(part)
    const root = dialog()!
    const unnamed = [
      ...root.querySelectorAll<HTMLElement>(
        'input:not([type="hidden"]), textarea, [role="switch"], [role="checkbox"], [role="radiogroup"], .n-base-selection [tabindex="0"]',
      ),
    ].filter((control) => {
      if (control.getAttribute('aria-label') || control.getAttribute('aria-labelledby')) return false
      if (control.closest('label')) return false
      if (control.id && root.querySelector(`label[for="${control.id}"]`)) return false
      // A select's search box sits inside the box Tab lands on, which carries the name.
      return !control.closest('[role="combobox"][aria-label]')
    })
    expect(unnamed.map((control) => control.outerHTML.slice(0, 120))).toEqual([])
  })
})
