import { describe, expect, it } from 'vitest'
import { applyBulkChange } from '../../src/shared/domain/bulk-apply'
import { bulkChangeSchema } from '../../src/shared/domain/bulk-change'
import { applyTemplate, type TemplateFields } from '../../src/shared/domain/token-template'
import { templateBulkEdit } from '../../src/shared/domain/template-bulk'
import { CTX, DAY, NOW, token } from './bulk-fixtures'

// A template applied to a selection through the bulk model: every token ends up with the values a new
// token gets from the same template (lists replaced, expiry counted from now), and nothing else changes.

const TEAM_A: TemplateFields = {
  namePrefix: 'team-a-',
  group: 'vip',
  modelLimitsEnabled: true,
  models: 'gpt-4o,claude-3',
  allowIps: '10.0.0.0/8',
  expiry: { kind: 'after', preset: 'days30' },
  quota: { kind: 'amount', units: 10_000_000 },
}

const applied = (template: TemplateFields, before = token()) => {
  const edit = templateBulkEdit(template)
  return edit && applyBulkChange(before, bulkChangeSchema.parse(edit), CTX)
}

describe('a template as a bulk edit', () => {
  it('gives every token the values a new token gets from it, whatever it held before', () => {
    const created = applyTemplate(TEAM_A, NOW).fields
    for (const before of [
      token(),
      token({ group: 'default', model_limits: 'o1', allow_ips: '1.2.3.4', unlimited_quota: true }),
      token({ expired_time: NOW + 400 * DAY, model_limits_enabled: true, model_limits: 'gpt-4o' }),
    ]) {
      const result = applied(TEAM_A, before)!
      expect(result.errors).toEqual([])
      const { name, id, status, cross_group_retry, auto_groups } = before
      expect(result.after).toEqual({ ...created, name, id, status, cross_group_retry, auto_groups })
    }
  })

  it('leaves the name alone (a bulk prefix would double a policy name) and every field not set', () => {
    const before = token({ name: 'team-a-ci', group: 'default', allow_ips: '1.2.3.4' })
    const result = applied(
      { namePrefix: 'team-a-', expiry: { kind: 'never' } },
      {
        ...before,
        expired_time: NOW + DAY,
      },
    )!
    expect(result.draft).toEqual({
      kind: 'update',
      changes: { expired_time: -1 },
      quota: null,
      wantStatus: null,
    })
    expect(templateBulkEdit({ namePrefix: 'x-' })).toBeNull()
    expect(templateBulkEdit({})).toBeNull()
  })
})
