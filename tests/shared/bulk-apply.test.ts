import { describe, expect, it } from 'vitest'
import { applyBulkChange } from '../../src/shared/domain/bulk-apply'
import { addDuration, durationOfPreset } from '../../src/shared/domain/bulk-expiry'
import { addCalendarMonths } from '../../src/shared/domain/expiry-presets'
import { CTX, DAY, NOW, change, edit, token } from './bulk-fixtures'

// One token under a bulk change: the draft it would carry, before → after per changed field, errors.

const apply = (t = token(), c = edit({ status: 'disable' }), position = 1) =>
  applyBulkChange(t, c, { ...CTX, position })
const keys = (result: ReturnType<typeof apply>) => result.errors.map((issue) => issue.key)

describe('renaming', () => {
  it('puts text before or after the name, or replaces plain text everywhere in it', () => {
    const t = token({ name: 'a.b.a' })
    expect(apply(t, edit({ rename: { mode: 'prefix', text: 'eu-' } })).after.name).toBe('eu-a.b.a')
    expect(apply(t, edit({ rename: { mode: 'suffix', text: '-old' } })).after.name).toBe('a.b.a-old')
    // Plain text: a dot is a dot, and `$&` in the replacement is written as typed.
    expect(apply(t, edit({ rename: { mode: 'replace', find: '.', replace: '$&' } })).after.name).toBe(
      'a$&b$&a',
    )
  })

  it('fills the template with the name, the id and the position in the selection', () => {
    const t = token({ id: 42, name: 'ci {n}' })
    const result = apply(t, edit({ rename: { mode: 'template', template: '{name}/{id}/#{n}' } }), 3)
    // A `{n}` inside the old name is text, not a placeholder.
    expect(result.draft).toEqual({
      kind: 'update',
      changes: { name: 'ci {n}/42/#3' },
      quota: null,
      wantStatus: null,
    })
    expect(result.diff).toEqual([{ field: 'name', before: 'ci {n}', after: 'ci {n}/42/#3' }])
  })

  it('refuses a name over the server limit for that token only', () => {
    const long = edit({ rename: { mode: 'prefix', text: 'x'.repeat(26) } })
    const older = { ...CTX, facts: { ...CTX.facts, maxNameBytes: 30 } }
    expect(applyBulkChange(token({ name: 'abcd' }), long, older).draft).not.toBeNull()
    const refused = applyBulkChange(token({ name: 'abcde' }), long, older)
    expect(refused.draft).toBeNull()
    expect(refused.errors).toEqual([{ path: 'name', key: 'name.tooLong', params: { max: 30 } }])
    expect(refused.diff).toEqual([{ field: 'name', before: 'abcde', after: 'x'.repeat(26) + 'abcde' }])
  })

  it('sends nothing when the name comes out the same (also after trimming)', () => {
    expect(apply(token(), edit({ rename: { mode: 'replace', find: 'zzz', replace: 'y' } })).draft).toBeNull()
    expect(apply(token(), edit({ rename: { mode: 'suffix', text: '  ' } })).draft).toBeNull()
  })
})

describe('quota', () => {
  it('sets, adds and subtracts as an intent on the fresh quota', () => {
    const t = token({ remain_quota: 1_000 })
    expect(apply(t, edit({ quota: { mode: 'add', delta: -400 } })).draft).toEqual({
      kind: 'update',
      changes: {},
      quota: { mode: 'add', delta: -400 },
      wantStatus: null,
    })
    const set = apply(t, edit({ quota: { mode: 'set', value: 5_000 } }))
    expect(set.diff).toEqual([{ field: 'remain_quota', before: 1_000, after: 5_000 }])
  })

  it('refuses to subtract below zero or set above the server maximum', () => {
    expect(keys(apply(token({ remain_quota: 100 }), edit({ quota: { mode: 'add', delta: -101 } })))).toEqual([
      'quota.negative',
    ])
    expect(keys(apply(token(), edit({ quota: { mode: 'set', value: 1e9 * 500_000 + 1 } })))).toEqual([
      'quota.tooLarge',
    ])
  })

  it('is a no-op when the amount is already there, and skips tokens that stay unlimited', () => {
    expect(apply(token({ remain_quota: 7 }), edit({ quota: { mode: 'set', value: 7 } })).draft).toBeNull()
    expect(
      apply(token({ unlimited_quota: true }), edit({ quota: { mode: 'add', delta: 5 } })).draft,
    ).toBeNull()
  })

  it('limits an unlimited token only with an amount set', () => {
    const unlimited = token({ unlimited_quota: true, remain_quota: -3_000 })
    expect(keys(apply(unlimited, edit({ unlimited: false })))).toEqual(['quota.required'])
    expect(keys(apply(unlimited, edit({ unlimited: false, quota: { mode: 'add', delta: 10_000 } })))).toEqual(
      ['bulk.limitNeedsSet'],
    )
    // Set to the number it happens to hold: still sent, it is what says how much the token gets.
    const same = apply(
      token({ unlimited_quota: true, remain_quota: 500 }),
      edit({ unlimited: false, quota: { mode: 'set', value: 500 } }),
    )
    expect(same.draft).toEqual({
      kind: 'update',
      changes: { unlimited_quota: false },
      quota: { mode: 'set', value: 500 },
      wantStatus: null,
    })
  })
})

describe('expiry', () => {
  it('sets a time, never, or refuses a time already past', () => {
    expect(apply(token(), edit({ expiry: { mode: 'set', at: NOW + DAY } })).after.expired_time).toBe(
      NOW + DAY,
    )
    expect(
      apply(token({ expired_time: NOW + DAY }), edit({ expiry: { mode: 'never' } })).after.expired_time,
    ).toBe(-1)
    expect(keys(apply(token(), edit({ expiry: { mode: 'set', at: NOW - 1 } })))).toEqual(['expiry.past'])
  })

  it('extends from the current expiry, from now when it has passed, and leaves "never" alone', () => {
    const byWeek = edit({ expiry: { mode: 'extend', by: { count: 1, unit: 'week' }, from: 'current' } })
    expect(apply(token({ expired_time: NOW + DAY }), byWeek).after.expired_time).toBe(NOW + 8 * DAY)
    expect(apply(token({ expired_time: NOW - 5 * DAY }), byWeek).after.expired_time).toBe(NOW + 7 * DAY)
    expect(apply(token({ expired_time: -1 }), byWeek).draft).toBeNull()
  })

  it('counts from now for every token when asked, "never" included', () => {
    const fromNow = edit({ expiry: { mode: 'extend', by: { count: 30, unit: 'day' }, from: 'now' } })
    expect(apply(token({ expired_time: NOW + 90 * DAY }), fromNow).after.expired_time).toBe(NOW + 30 * DAY)
    expect(apply(token({ expired_time: -1 }), fromNow).after.expired_time).toBe(NOW + 30 * DAY)
  })

  it('moves months and years by the calendar, like the editor presets', () => {
    expect(addDuration(NOW, { count: 1, unit: 'month' })).toBe(addCalendarMonths(NOW * 1000, 1) / 1000)
    expect(addDuration(NOW, { count: 2, unit: 'year' })).toBe(addCalendarMonths(NOW * 1000, 24) / 1000)
    expect(addDuration(NOW, durationOfPreset('days30'))).toBe(NOW + 30 * DAY)
  })
})

describe('lists', () => {
  const listed = token({
    model_limits_enabled: true,
    model_limits: 'gpt-4o,o1',
    allow_ips: '10.0.0.1\n2001:db8::1',
  })

  it('adds the models a token lacks and removes the named ones, keeping the rest in order', () => {
    expect(apply(listed, edit({ models: { mode: 'add', list: 'o1,claude-3' } })).after.model_limits).toBe(
      'gpt-4o,o1,claude-3',
    )
    expect(
      apply(listed, edit({ models: { mode: 'remove', list: 'gpt-4o,gemini' } })).after.model_limits,
    ).toBe('o1')
    expect(apply(listed, edit({ models: { mode: 'add', list: 'o1' } })).draft).toBeNull()
  })

  it('refuses removing the last model while the restriction stays on', () => {
    const result = apply(listed, edit({ models: { mode: 'remove', list: 'gpt-4o,o1' } }))
    expect(keys(result)).toEqual(['modelLimits.emptyEnabled'])
    expect(
      apply(listed, edit({ models: { mode: 'remove', list: 'gpt-4o,o1' }, modelLimits: false })).draft,
    ).toEqual({
      kind: 'update',
      changes: { model_limits: '', model_limits_enabled: false },
      quota: null,
      wantStatus: null,
    })
  })

  it('matches IP entries as addresses, however they are written', () => {
    const removed = apply(listed, edit({ ips: { mode: 'remove', list: '2001:DB8:0:0::1' } }))
    expect(removed.after.allow_ips).toBe('10.0.0.1')
    expect(apply(listed, edit({ ips: { mode: 'add', list: '2001:0db8::1' } })).draft).toBeNull()
    expect(apply(listed, edit({ ips: { mode: 'replace', list: '192.168.0.0/16' } })).after.allow_ips).toBe(
      '192.168.0.0/16',
    )
  })
})

describe('group, status and delete', () => {
  it('sets the group, and nothing for tokens already in it', () => {
    expect(apply(token({ group: 'vip' }), edit({ group: 'vip' })).draft).toBeNull()
    expect(apply(token({ group: 'default' }), edit({ group: 'vip' })).diff).toEqual([
      { field: 'group', before: 'default', after: 'vip' },
    ])
  })

  it('enables or disables only tokens not already so (an expired one is enabled: stored status 3)', () => {
    expect(apply(token({ status: 2 }), edit({ status: 'disable' })).draft).toBeNull()
    expect(apply(token({ status: 3 }), edit({ status: 'enable' })).draft).toEqual({
      kind: 'update',
      changes: {},
      quota: null,
      wantStatus: 1,
    })
  })

  it('deletes with nothing else', () => {
    expect(apply(token(), change({ kind: 'delete' }))).toMatchObject({
      draft: { kind: 'delete' },
      diff: [],
      errors: [],
    })
  })
})
