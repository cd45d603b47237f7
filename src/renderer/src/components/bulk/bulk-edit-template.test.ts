import { afterEach, describe, expect, it, vi } from 'vitest'
import { draftBaseOf } from '@shared/domain/draft-base'
import { DEFAULT_SERVER_FACTS } from '@shared/domain/server-facts'
import type { Token } from '@shared/domain/token'
import type { TokenTemplate } from '@shared/domain/token-template'
import { blur, bodyText, checkbox, inputById, radio, typeInto } from '@renderer/test/dom'
import { createFakeApi, makeToken } from '@renderer/test/fake-api'
import { mountApp, settle } from '@renderer/test/mount-app'
import { clickOption, openSelect, optionTexts } from '@renderer/test/select'
import BulkEditDialog from './bulk-edit-dialog.vue'

// The "Template" choice of the bulk dialog: the saved templates (read through the templates store) tick
// and fill the operations a template sets, the user may still change or untick them, and Apply sends
// what the form then says.

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
const PREFIX_ONLY: TokenTemplate = { id: 't2', name: 'Prefix only', namePrefix: 'x-' }

async function open(tokens: Token[], templates: TokenTemplate[]) {
  const onApply = vi.fn()
  const fake = createFakeApi({ templates })
  mountApp(BulkEditDialog, {
    fake,
    props: {
      show: true,
      tokens: tokens.map(draftBaseOf),
      facts: DEFAULT_SERVER_FACTS,
      pace: { requests: 360, windowSeconds: 180 },
      catalog: null,
      groupModels: null,
      onApply,
    },
  })
  await settle()
  return { onApply, fake }
}

async function pick(name: string): Promise<void> {
  openSelect(inputById('bulk-template'))
  await settle()
  clickOption(name)
  await settle()
}

const applyButton = () =>
  [...document.querySelectorAll('button')].find((b) => /^Apply( |$)/.test(b.textContent?.trim() ?? ''))!
const ticked = (name: string) => checkbox(name).getAttribute('aria-checked')

afterEach(() => {
  document.body.innerHTML = ''
})

describe('template choice in the bulk dialog', () => {
  it('ticks and fills what the template sets; the user can still change it before applying', async () => {
    const { onApply, fake } = await open(
      [makeToken({ id: 1, name: 'alpha', group: 'default' }), makeToken({ id: 2, name: 'beta' })],
      [TEAM_A, PREFIX_ONLY],
    )
    expect(fake.callsOf('templates.list')).toHaveLength(1)
    openSelect(inputById('bulk-template'))
    await settle()
    expect(optionTexts()).toEqual(['Team A', 'Prefix only'])
    clickOption('Team A')
    await settle()

    for (const op of [
      'Remaining quota',
      'Unlimited quota',
      'Expiry',
      'Allowed models',
      'Restrict models',
      'IP whitelist',
      'Group',
    ])
      expect(ticked(op), op).toBe('true')
    // The name prefix is not a bulk rename, and the status is not the template's.
    expect(ticked('Rename')).toBe('false')
    expect(ticked('Enable or disable')).toBe('false')
    // 10,000,000 units at 500,000 per dollar, in the dialog's currency.
    expect((inputById('bulk-quota-amount') as HTMLInputElement).value).toBe('$20.00')
    expect(bodyText()).toContain('Group: default → vip')

    // The user changes the amount and unticks the IP list: that is what is sent.
    typeInto(inputById('bulk-quota-amount'), '5')
    blur(inputById('bulk-quota-amount'))
    checkbox('IP whitelist').click()
    await settle()
    applyButton().click()
    await settle()
    expect(onApply).toHaveBeenCalledTimes(1)
    expect(onApply.mock.calls[0]).toEqual([
      {
        kind: 'edit',
        quota: { mode: 'set', value: 2_500_000 },
        unlimited: false,
        expiry: { mode: 'extend', by: { count: 1, unit: 'month' }, from: 'now' },
        models: { mode: 'replace', list: 'gpt-4o,o3-mini' },
        modelLimits: true,
        group: 'vip',
      },
      [1, 2],
    ])
  })

  it('keeps the operations the user ticked and says so when a template sets nothing a bulk edit can apply', async () => {
    const { onApply } = await open([makeToken({ id: 1, name: 'alpha' })], [TEAM_A, PREFIX_ONLY])
    checkbox('Enable or disable').click()
    await settle()
    radio('Disable').click()
    await settle()
    await pick('Prefix only')
    expect(bodyText()).toContain('This template sets nothing a bulk change can apply.')
    expect(ticked('Enable or disable')).toBe('true')

    await pick('Team A')
    expect(bodyText()).not.toContain('This template sets nothing a bulk change can apply.')
    applyButton().click()
    await settle()
    expect(onApply.mock.calls[0]?.[0]).toMatchObject({ kind: 'edit', status: 'disable', group: 'vip' })
  })
})
