import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { amountToQuota } from '@shared/domain/quota-money'
import { DEFAULT_SERVER_FACTS } from '@shared/domain/server-facts'
import { draftBaseOf } from '@shared/domain/draft-base'
import type { ServerFacts } from '@shared/domain/server-facts'
import type { QuotaIntent } from '@shared/domain/quota-intent'
import { type Token, type TokenChanges } from '@shared/domain/token'
import { NEVER_EXPIRES, TOKEN_STATUS } from '@shared/domain/token-values'
import { makeToken } from '@renderer/test/fake-api'
import {
  displayAmount,
  formFromToken,
  isEmptyFormEdit,
  planSave as planForm,
  type FormContext,
  type TokenForm,
} from './token-form'

const draftFromToken = (token: Token, facts: ServerFacts) => formFromToken(token, facts)

/** The editor's check of a form opened on `token` (no kept draft). */
function planSave(
  token: Token,
  form: TokenForm,
  facts: ServerFacts,
  options: { nowSeconds: number; formatQuota?: (quota: number) => string },
) {
  const base = draftBaseOf(token)
  const shownAmount = formFromToken(token, facts).amount
  const result = planForm(
    form,
    { base, facts, nowSeconds: options.nowSeconds, shownAmount, shownQuota: null },
    options,
  )
  return result.ok
    ? { ok: true as const, plan: { changes: result.edit.changes, quota: result.edit.quota } }
    : result
}
const isEmptyPlan = (plan: { changes: TokenChanges; quota: QuotaIntent | null }) =>
  isEmptyFormEdit({ ...plan, wantStatus: null })

const facts = DEFAULT_SERVER_FACTS // $1 = 500,000 units
const nowSeconds = 1_800_000_000
const token = makeToken({
  name: 'prod',
  remain_quota: 1_234_567, // $2.469134: not a round amount, so display rounding matters
  expired_time: nowSeconds + 3600,
  model_limits_enabled: true,
  model_limits: 'gpt-4o, claude-3', // written by another client, with a space
  allow_ips: '10.0.0.1\n',
  group: 'vip',
})

const plan = (draft: ReturnType<typeof draftFromToken>) => planSave(token, draft, facts, { nowSeconds })

describe('the editor form', () => {
  it('sends nothing when nothing was touched, even for fields stored unnormalised', () => {
    const result = plan(draftFromToken(token, facts))
    expect(result.ok && isEmptyPlan(result.plan)).toBe(true)
  })

  it('sends only the changed field and no quota intent', () => {
    const draft = { ...draftFromToken(token, facts), name: 'prod-2' }
    expect(plan(draft)).toEqual({ ok: true, plan: { changes: { name: 'prod-2' }, quota: null } })
  })

  it('turns a changed amount into a "set" intent in quota units', () => {
    const draft = { ...draftFromToken(token, facts), amount: 12.5 }
    expect(plan(draft)).toEqual({ ok: true, plan: { changes: {}, quota: { mode: 'set', value: 6_250_000 } } })
  })

  it('drops an amount edit when the token becomes unlimited', () => {
    const draft = { ...draftFromToken(token, facts), amount: 3, unlimited: true }
    expect(plan(draft)).toEqual({ ok: true, plan: { changes: { unlimited_quota: true }, quota: null } })
  })

  it('makes an unlimited token limited only with an explicit, valid amount', () => {
    const unlimited = makeToken({ unlimited_quota: true, remain_quota: -1_500_000 }) // counted down, unenforced
    const draft = { ...draftFromToken(unlimited, facts), unlimited: false }
    const kept = planSave(unlimited, draft, facts, { nowSeconds })
    expect(kept.ok ? null : kept.issues.map((issue) => issue.key)).toEqual(['quota.negative'])
    const chosen = planSave(unlimited, { ...draft, amount: 5 }, facts, { nowSeconds })
    expect(chosen).toEqual({
      ok: true,
      plan: { changes: { unlimited_quota: false }, quota: { mode: 'set', value: 2_500_000 } },
    })
  })

  it('normalises lists it sends and converts expiry to seconds', () => {
    const draft = {
      ...draftFromToken(token, facts),
      models: ['gpt-4o', 'claude-3', 'o3'],
      allowIps: ' 10.0.0.1 \n\n192.168.0.0/16\n',
      expiresAt: (nowSeconds + 7200) * 1000 + 999,
    }
    expect(plan(draft)).toEqual({
      ok: true,
      plan: {
        changes: {
          model_limits: 'gpt-4o,claude-3,o3',
          allow_ips: '10.0.0.1\n192.168.0.0/16',
          expired_time: nowSeconds + 7200,
        },
        quota: null,
      },
    })
    expect(plan({ ...draftFromToken(token, facts), neverExpires: true })).toMatchObject({
      plan: { changes: { expired_time: NEVER_EXPIRES } },
    })
  })

  it('reports field issues with their i18n keys and parameters', () => {
    const draft = {
      ...draftFromToken(token, facts),
      name: '名'.repeat(17), // 51 bytes
      allowIps: 'not-an-ip',
      expiresAt: (nowSeconds - 60) * 1000,
      models: [],
      amount: -1,
    }
    const result = plan(draft)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'name', key: 'name.tooLong', params: { max: 50 } }),
        expect.objectContaining({
          path: 'allow_ips',
          key: 'allowIps.invalid',
          params: { line: 1, entry: 'not-an-ip' },
        }),
        expect.objectContaining({ path: 'expired_time', key: 'expiry.past' }),
        expect.objectContaining({ path: 'model_limits', key: 'modelLimits.emptyEnabled' }),
        expect.objectContaining({ path: 'remain_quota', key: 'quota.negative' }),
      ]),
    )
  })

  it('refuses an amount above the server maximum', () => {
    const draft = { ...draftFromToken(token, facts), amount: 2e9 }
    const result = planSave(token, draft, facts, { nowSeconds, formatQuota: () => '$1,000,000,000.00' })
    expect(result).toMatchObject({
      ok: false,
      issues: [{ path: 'remain_quota', key: 'quota.tooLarge', params: { max: '$1,000,000,000.00' } }],
    })
  })

  it('speaks the server display unit: raw units for TOKENS, yuan for CNY, in the fewest digits exact', () => {
    const tokensFacts = { ...facts, displayType: 'TOKENS' as const }
    const raw = draftFromToken(token, tokensFacts)
    expect(raw.amount).toBe(1_234_567)
    expect(planSave(token, { ...raw, amount: 2_000_000 }, tokensFacts, { nowSeconds })).toMatchObject({
      plan: { quota: { mode: 'set', value: 2_000_000 } },
    })
    const cny = { ...facts, displayType: 'CNY' as const, usdExchangeRate: 7.3 }
    const yuan = draftFromToken(token, cny)
    // As few decimals as still stand for exactly this quota (the table's ¥18.02 would be another).
    expect(yuan.amount).toBe(18.02468)
    // ¥50 as created holds 3,424,658 units (¥50.0000073): shown as ¥50, not as ¥50.000007.
    const fifty = draftFromToken({ ...token, remain_quota: 3_424_658 }, cny)
    expect(fifty.amount).toBe(50)
    expect(planSave({ ...token, remain_quota: 3_424_658 }, fifty, cny, { nowSeconds })).toMatchObject({
      plan: { quota: null },
    })
    // Whatever the quota and rate, the amount shown reads back as that quota, in no more digits than
    // needed (six at most: rates from 0.5 on, where one unit is worth a millionth or more).
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5e11 }),
        fc.double({ min: 0.5, max: 1000, noNaN: true }),
        (quota, rate) => {
          const money = { ...facts, displayType: 'CNY' as const, usdExchangeRate: rate }
          const shown = displayAmount(quota, money)
          expect(amountToQuota(shown, money)).toBe(quota)
          const decimals = (String(shown).split('.')[1] ?? '').length
          if (decimals > 2) {
            const shorter = Math.round(shown * 10 ** (decimals - 1)) / 10 ** (decimals - 1)
            expect(amountToQuota(shorter, money)).not.toBe(quota)
          }
        },
      ),
    )
    expect(planSave(token, yuan, cny, { nowSeconds })).toMatchObject({ plan: { quota: null } })
    expect(planSave(token, { ...yuan, amount: 73 }, cny, { nowSeconds })).toMatchObject({
      plan: { quota: { mode: 'set', value: 5_000_000 } },
    })
  })
})

describe('the wanted status', () => {
  const base = { ...token, expired_time: nowSeconds - 60, status: TOKEN_STATUS.expired }
  const context = (shown: Token) => ({
    base: draftBaseOf(shown),
    facts,
    nowSeconds,
    shownAmount: formFromToken(shown, facts).amount,
    shownQuota: null,
  })

  it('disables and enables with the switch, and sends nothing when it is left alone', () => {
    const enabled = context(token)
    const off = planForm({ ...formFromToken(token, facts), enabled: false }, enabled)
    expect(off.ok && off.edit.wantStatus).toBe(TOKEN_STATUS.disabled)
    const disabled = { ...token, status: TOKEN_STATUS.disabled }
    const on = planForm({ ...formFromToken(disabled, facts), enabled: true }, context(disabled))
    expect(on.ok && on.edit.wantStatus).toBe(TOKEN_STATUS.enabled)
    expect(planForm(formFromToken(token, facts), enabled)).toMatchObject({
      ok: true,
      edit: { wantStatus: null },
    })
  })

  it('revives a token the server stored as expired only when the edit gives it a future', () => {
    const renamed = planForm({ ...formFromToken(base, facts), name: 'renamed' }, context(base))
    expect(renamed.ok && renamed.edit.wantStatus).toBeNull()
    const revived = planForm({ ...formFromToken(base, facts), neverExpires: true }, context(base))
    expect(revived).toMatchObject({
      ok: true,
      edit: { changes: { expired_time: NEVER_EXPIRES }, wantStatus: 1 },
    })
  })

  it("keeps a kept draft's own quota intent while the amount is left as shown", () => {
    const shown = { ...token, remain_quota: 3_000_000 }
    const form = formFromToken(shown, facts)
    const keptSet = {
      ...context(token),
      shownAmount: form.amount,
      shownQuota: { mode: 'set', value: 3_000_000 },
    }
    expect(planForm(form, keptSet as FormContext)).toMatchObject({
      ok: true,
      edit: { quota: { mode: 'set', value: 3_000_000 } },
    })
    expect(planForm({ ...form, amount: 1 }, keptSet as FormContext)).toMatchObject({
      ok: true,
      edit: { quota: { mode: 'set', value: 500_000 } },
    })
  })

  it('sends "add / subtract" as a relative intent in quota units, and nothing for a zero change', () => {
    const form = { ...formFromToken(token, facts), quotaMode: 'add' as const }
    expect(planForm({ ...form, delta: 2.5 }, context(token))).toMatchObject({
      ok: true,
      edit: { quota: { mode: 'add', delta: 1_250_000 } },
    })
    expect(planForm({ ...form, delta: -1 }, context(token))).toMatchObject({
      ok: true,
      edit: { quota: { mode: 'add', delta: -500_000 } },
    })
    expect(planForm({ ...form, delta: 0 }, context(token))).toMatchObject({ ok: true, edit: { quota: null } })
  })

  it('refuses a subtraction that would leave the token below zero, as main would', () => {
    const form = { ...formFromToken(token, facts), quotaMode: 'add' as const }
    const below = token.remain_quota / 500_000 + 1
    expect(planForm({ ...form, delta: -below }, context(token))).toMatchObject({
      ok: false,
      issues: [{ path: 'remain_quota', key: 'quota.negative' }],
    })
  })
})
