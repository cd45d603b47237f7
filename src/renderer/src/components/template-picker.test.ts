import { afterEach, describe, expect, it } from 'vitest'
import { addCalendarMonths } from '@shared/domain/expiry-presets'
import type { TokenTemplate } from '@shared/domain/token-template'
import { blur, bodyText, button, inputById, typeInto } from '@renderer/test/dom'
import type { Token } from '@shared/domain/token'
import { createFakeApi, makeProfile, makeToken } from '@renderer/test/fake-api'
import { mountApp, settle } from '@renderer/test/mount-app'
import { clickOption, openSelect, optionTexts } from '@renderer/test/select'
import { useProfilesStore } from '@renderer/stores/profiles'
import TokensView from '@renderer/views/tokens-view.vue'

// The "Template" choice in the editor of a new token, through the real tokens view and the fake bridge:
// it fills the fields the template sets, the user may still change them, and the create carries the
// result. Existing tokens have no template choice.

afterEach(() => {
  document.body.innerHTML = ''
})

const TEAM_A: TokenTemplate = {
  id: 't1',
  name: 'Team A',
  namePrefix: 'team-a-',
  group: 'vip',
  modelLimitsEnabled: true,
  models: 'gpt-4o,o3-mini',
  allowIps: '10.0.0.0/8',
  expiry: { kind: 'after', preset: 'month' },
  quota: { kind: 'amount', units: 10_000_000 },
}
const OPEN: TokenTemplate = { id: 't2', name: 'Open', namePrefix: 'open-', modelLimitsEnabled: false }

async function openCreate(templates: TokenTemplate[], tokens: Token[] = []) {
  const fake = createFakeApi({ profiles: [makeProfile({ id: 'p1' })], tokens: { p1: tokens }, templates })
  mountApp(TokensView, { fake })
  await useProfilesStore().hydrate()
  await settle()
  button('New token').click()
  await settle()
  return fake
}

async function pick(name: string): Promise<void> {
  openSelect(inputById('token-template'))
  await settle()
  clickOption(name)
  await settle()
}

const creates = (fake: ReturnType<typeof createFakeApi>) =>
  fake.callsOf('drafts.create').filter((call) => (call as { mode: string }).mode !== 'hold') as {
    fields: Record<string, unknown>
    remainQuota: number
  }[]

describe('template choice in the token editor', { timeout: 20_000 }, () => {
  it('fills the fields from the template; what the user changes afterwards is what is created', async () => {
    const fake = await openCreate([TEAM_A, OPEN])
    openSelect(inputById('token-template'))
    await settle()
    expect(optionTexts()).toEqual(['Team A', 'Open'])
    clickOption('Team A')
    await settle()
    const appliedAt = Date.now()
    expect(inputById('token-name').value).toBe('team-a-')
    expect(inputById('token-group').closest('.n-select')?.textContent).toContain('vip')
    expect(inputById('token-quota').value).toBe('$20.00')
    expect(inputById('token-allow-ips').value).toBe('10.0.0.0/8')
    expect(bodyText()).toContain('gpt-4o')

    // The user goes on: a name, a bigger quota.
    typeInto(inputById('token-name'), 'team-a-laptop')
    typeInto(inputById('token-quota'), '30')
    blur(inputById('token-quota'))
    await settle()
    button('Create').click()
    await settle()
    const [created] = creates(fake)
    expect(created?.fields).toMatchObject({
      name: 'team-a-laptop',
      group: 'vip',
      model_limits_enabled: true,
      model_limits: 'gpt-4o,o3-mini',
      allow_ips: '10.0.0.0/8',
      unlimited_quota: false,
    })
    expect(created?.remainQuota).toBe(15_000_000)
    // A month from when the template was chosen (the editor's date picker keeps whole seconds).
    const expected = Math.floor(addCalendarMonths(appliedAt, 1) / 1000)
    expect(Math.abs((created?.fields.expired_time as number) - expected)).toBeLessThanOrEqual(60)
  })

  it('a second template replaces the first one’s prefix and changes only what it sets', async () => {
    const fake = await openCreate([TEAM_A, OPEN])
    await pick('Team A')
    typeInto(inputById('token-name'), 'team-a-bot')
    await settle()
    await pick('Open')
    expect(inputById('token-name').value).toBe('open-bot')
    button('Create').click()
    await settle()
    expect(creates(fake)[0]?.fields).toMatchObject({
      name: 'open-bot',
      group: 'vip', // Open does not set the group: Team A's stays
      model_limits_enabled: false,
    })
  })

  it('says where templates are made when there are none, and offers no choice for an existing token', async () => {
    await openCreate([], [makeToken({ id: 1, name: 'alpha' })])
    expect(bodyText()).toContain('No templates yet: make them under Servers › Token templates.')
    const box = inputById('token-template').closest('.n-base-selection')
    expect(box?.classList.contains('n-base-selection--disabled')).toBe(true)
    button('Edit token alpha').click()
    await settle()
    expect(inputById('token-name').value).toBe('alpha')
    expect(document.getElementById('token-template')).toBeNull()
  })
})
