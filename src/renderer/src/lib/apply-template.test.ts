import { describe, expect, it } from 'vitest'
import { DEFAULT_SERVER_FACTS } from '@shared/domain/server-facts'
import { TOKEN_STATUS } from '@shared/domain/token-values'
import { fillFromTemplate } from './apply-template'
import { formFromToken, NEW_TOKEN_BASE, planCreate } from './token-form'

// A template chosen for a new token fills the create form's fields it sets, the rest untouched, and the
// result passes the create checks as it stands.

const facts = DEFAULT_SERVER_FACTS // $1 = 500,000 units
const now = 1_800_000_000
const blank = () => formFromToken({ ...NEW_TOKEN_BASE, status: TOKEN_STATUS.enabled }, facts)

describe('filling the create form from a template', () => {
  it('sets the fields the template sets, in the form’s terms, and creates with exactly them', () => {
    const form = fillFromTemplate(
      { ...blank(), name: 'laptop', allowIps: '192.0.2.1' },
      {
        namePrefix: 'team-a-',
        group: 'vip',
        modelLimitsEnabled: true,
        models: 'gpt-4o,claude-3',
        expiry: { kind: 'after', preset: 'week' },
        quota: { kind: 'amount', units: 10_000_000 },
      },
      facts,
      now,
    )
    expect(form).toMatchObject({
      name: 'team-a-laptop',
      group: 'vip',
      modelLimitsEnabled: true,
      models: ['gpt-4o', 'claude-3'],
      allowIps: '192.0.2.1', // not set by the template: as typed
      neverExpires: false,
      expiresAt: (now + 7 * 86_400) * 1000,
      unlimited: false,
      quotaMode: 'set',
      amount: 20,
    })
    const planned = planCreate(form, facts, now)
    expect(planned.ok && planned.plan).toMatchObject({
      names: ['team-a-laptop'],
      remainQuota: 10_000_000,
      fields: {
        group: 'vip',
        model_limits: 'gpt-4o,claude-3',
        model_limits_enabled: true,
        expired_time: now + 7 * 86_400,
        unlimited_quota: false,
        allow_ips: '192.0.2.1',
      },
    })
  })

  it('leaves every field alone that the template does not set', () => {
    const before = { ...blank(), name: 'x', group: 'default', amount: 3, unlimited: false }
    expect(fillFromTemplate(before, {}, facts, now)).toEqual(before)
  })

  it('replaces the prefix of the template chosen before, and sets never / unlimited', () => {
    const first = fillFromTemplate({ ...blank(), name: 'bot' }, { namePrefix: 'a-' }, facts, now)
    const second = fillFromTemplate(
      { ...first, neverExpires: false, expiresAt: 1, unlimited: false },
      { namePrefix: 'b-', expiry: { kind: 'never' }, quota: { kind: 'unlimited' } },
      facts,
      now,
      'a-',
    )
    expect(second).toMatchObject({ name: 'b-bot', neverExpires: true, expiresAt: null, unlimited: true })
  })
})
