import { describe, expect, it } from 'vitest'
import { fieldIssuesOf } from '../../src/shared/domain/field-issues'
import { addCalendarMonths } from '../../src/shared/domain/expiry-presets'
import {
  applyTemplate,
  prefixedName,
  templateBodySchema,
  tokenTemplateSchema,
} from '../../src/shared/domain/token-template'

// A template's values obey the editor's field rules, carry only what the template sets, and apply as
// create-form values in the server's terms: quota units, and an expiry counted from the moment of use.

const issuesOf = (input: unknown) => {
  const parsed = templateBodySchema.safeParse(input)
  return parsed.success ? [] : fieldIssuesOf(parsed.error).map((issue) => `${issue.path}:${issue.key}`)
}

const NOW = Math.floor(new Date(2027, 0, 31, 10, 30).getTime() / 1000)

describe('template values', () => {
  it('keeps only the fields the template sets, normalised as the editor sends them', () => {
    const parsed = tokenTemplateSchema.parse({
      id: 't1',
      name: '  Team A  ',
      group: 'vip,default,vip',
      models: 'gpt-4o，claude-3\ngpt-4o',
      allowIps: '10.0.0.0/8\n\n 203.0.113.7 \n10.0.0.0/8',
      later: 'a field of a newer TokenDesk',
    })
    expect(parsed).toEqual({
      id: 't1',
      name: 'Team A',
      group: 'vip,default',
      models: 'gpt-4o,claude-3',
      allowIps: '10.0.0.0/8\n203.0.113.7',
    })
  })

  it('refuses what the editor refuses, each at its field', () => {
    expect(issuesOf({ name: '   ' })).toEqual(['name:templateName.required'])
    expect(issuesOf({ name: 'x'.repeat(81) })).toEqual(['name:templateName.tooLong'])
    expect(issuesOf({ name: 'A', namePrefix: '名'.repeat(17) })).toEqual(['namePrefix:name.tooLong'])
    expect(issuesOf({ name: 'A', group: 'auto,vip' })).toEqual(['group:group.autoAlone'])
    expect(issuesOf({ name: 'A', models: 'gpt 4' })).toEqual(['models:modelLimits.spaces'])
    expect(issuesOf({ name: 'A', allowIps: '10.0.0.1\n300.1.1.1' })).toEqual(['allowIps:allowIps.invalid'])
    expect(issuesOf({ name: 'A', quota: { kind: 'amount', units: -1 } })).toEqual([
      'quota.units:quota.negative',
    ])
    expect(issuesOf({ name: 'A', quota: { kind: 'amount', units: 1.5 } })).toEqual([
      'quota.units:quota.notInteger',
    ])
    expect(issuesOf({ name: 'A', expiry: { kind: 'after', preset: 'decade' } })).toEqual([
      'expiry.preset:invalid',
    ])
  })

  it('refuses a model whitelist switched on without models (it would block every model)', () => {
    expect(issuesOf({ name: 'A', modelLimitsEnabled: true })).toEqual(['models:modelLimits.emptyEnabled'])
    expect(issuesOf({ name: 'A', modelLimitsEnabled: true, models: ' , ' })).toEqual([
      'models:modelLimits.emptyEnabled',
    ])
    expect(issuesOf({ name: 'A', modelLimitsEnabled: true, models: 'gpt-4o' })).toEqual([])
    expect(issuesOf({ name: 'A', modelLimitsEnabled: false })).toEqual([])
  })
})

describe('applying a template', () => {
  it('gives quota in units and an absolute expiry counted from the moment it is applied', () => {
    const applied = applyTemplate(
      {
        namePrefix: 'team-a-',
        group: 'vip',
        modelLimitsEnabled: true,
        models: 'gpt-4o,claude-3',
        allowIps: '10.0.0.0/8',
        expiry: { kind: 'after', preset: 'days30' },
        quota: { kind: 'amount', units: 10_000_000 },
      },
      NOW,
    )
    expect(applied).toEqual({
      namePrefix: 'team-a-',
      fields: {
        group: 'vip',
        model_limits_enabled: true,
        model_limits: 'gpt-4o,claude-3',
        allow_ips: '10.0.0.0/8',
        expired_time: NOW + 30 * 86_400,
        unlimited_quota: false,
        remain_quota: 10_000_000,
      },
    })
  })

  it('follows the calendar for a month, and sets never and unlimited as such', () => {
    const month = applyTemplate({ expiry: { kind: 'after', preset: 'month' } }, NOW)
    // January 31st + 1 month: the last day of February, same time of day.
    expect(month.fields.expired_time).toBe(Math.floor(addCalendarMonths(NOW * 1000, 1) / 1000))
    expect(new Date(month.fields.expired_time! * 1000).getDate()).toBe(28)
    expect(applyTemplate({ expiry: { kind: 'never' }, quota: { kind: 'unlimited' } }, NOW)).toEqual({
      namePrefix: null,
      fields: { expired_time: -1, unlimited_quota: true },
    })
  })

  it('sets nothing a template leaves out (an empty template changes no field)', () => {
    expect(applyTemplate({}, NOW)).toEqual({ namePrefix: null, fields: {} })
    // '' is a value: the user's own group.
    expect(applyTemplate({ group: '' }, NOW).fields).toEqual({ group: '' })
  })

  it('puts the prefix in front once, replacing the prefix of a template applied before', () => {
    expect(prefixedName('', 'team-a-')).toBe('team-a-')
    expect(prefixedName('laptop', 'team-a-')).toBe('team-a-laptop')
    expect(prefixedName('team-a-laptop', 'team-a-')).toBe('team-a-laptop')
    expect(prefixedName('team-a-laptop', 'team-b-', 'team-a-')).toBe('team-b-laptop')
  })
})
