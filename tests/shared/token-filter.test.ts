import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { OverlaidRow } from '@shared/domain/draft-overlay'
import { DAY, NOW, rowWith, tokenWith } from './token-rows'
import { type Token } from '@shared/domain/token'
import { TOKEN_STATUS } from '@shared/domain/token-values'
import { NO_FILTER, filterRows, matchesSearch, type TokenFilter } from '@shared/domain/token-filter'
import { tokenFilterSchema } from '@shared/domain/token-filter-schema'
import { DEFAULT_SERVER_VIEW } from '@shared/domain/server-view'
import { serverViewSchema } from '@shared/domain/server-view-schema'

const token = tokenWith
const row = (fields: Partial<Token>, drafts = 0) => rowWith(fields, { drafts })
const filter = (change: Partial<TokenFilter>): TokenFilter => ({ ...NO_FILTER, ...change })
const names = (rows: OverlaidRow[]) => rows.map((candidate) => candidate.token.name)

const rows = [
  row({ id: 1, name: 'alpha' }),
  row({ id: 2, name: 'bravo', expired_time: NOW - 60 }),
  row({ id: 3, name: 'charlie', unlimited_quota: true, remain_quota: -5, group: 'vip,default' }),
  row({ id: 4, name: 'delta', status: TOKEN_STATUS.disabled, group: 'vip', allow_ips: '10.0.0.1\n10.0.0.2' }),
  row({ id: 5, name: 'echo', remain_quota: 0, model_limits_enabled: true, model_limits: 'gpt-4o' }),
  row({ id: 6, name: 'foxtrot', expired_time: NOW + 3 * DAY }, 1),
  row({ id: 7, name: 'golf', expired_time: NOW + 20 * DAY }),
]

describe('token filters', () => {
  it('keeps tokens of any ticked effective status (an expired token still stored as enabled counts as expired)', () => {
    expect(names(filterRows(rows, filter({ statuses: ['expired'] }), '', NOW))).toEqual(['bravo'])
    expect(names(filterRows(rows, filter({ statuses: ['disabled', 'exhausted'] }), '', NOW))).toEqual([
      'delta',
      'echo',
    ])
  })

  it('matches any of a token’s groups, the user’s own group as ""', () => {
    expect(names(filterRows(rows, filter({ groups: ['vip'] }), '', NOW))).toEqual(['charlie', 'delta'])
    expect(names(filterRows(rows, filter({ groups: [''] }), '', NOW))).toEqual([
      'alpha',
      'bravo',
      'echo',
      'foxtrot',
      'golf',
    ])
  })

  it('finds tokens still valid that expire within N days, not expired or never-expiring ones', () => {
    expect(names(filterRows(rows, filter({ expiringWithinDays: 7 }), '', NOW))).toEqual(['foxtrot'])
    expect(names(filterRows(rows, filter({ expiringWithinDays: 30 }), '', NOW))).toEqual(['foxtrot', 'golf'])
  })

  it('requires every ticked trait', () => {
    const only = (traits: TokenFilter['traits']) => names(filterRows(rows, filter({ traits }), '', NOW))
    expect(only(['exhausted'])).toEqual(['echo'])
    expect(only(['unlimited'])).toEqual(['charlie'])
    expect(only(['modelLimits'])).toEqual(['echo'])
    expect(only(['ipLimits'])).toEqual(['delta'])
    expect(only(['drafts'])).toEqual(['foxtrot'])
    expect(only(['exhausted', 'modelLimits'])).toEqual(['echo'])
    expect(only(['exhausted', 'unlimited'])).toEqual([])
  })

  it('combines search and filters', () => {
    expect(names(filterRows(rows, filter({ groups: ['vip'] }), 'DEL', NOW))).toEqual(['delta'])
  })

  it('keeps the token named to be kept (the one in the editor) whatever the search and filters say', () => {
    const kept = rows.find((row) => row.token.name !== 'delta')!
    const shown = names(filterRows(rows, filter({ groups: ['vip'] }), 'DEL', NOW, kept.token.id))
    expect(shown.sort()).toEqual(['delta', kept.token.name].sort())
  })

  it('searches names in any case and the readable ends of a masked key, never across the stars', () => {
    const masked = token({ name: 'Prod Key', key: 'sk7Q**********Zx9w' })
    expect(matchesSearch(masked, 'prod')).toBe(true)
    expect(matchesSearch(masked, 'zx9W')).toBe(true)
    expect(matchesSearch(masked, 'sk7q')).toBe(true)
    expect(matchesSearch(masked, '7QZx')).toBe(false)
    expect(matchesSearch(masked, '   ')).toBe(true)
  })

  it('finds a masked key by the masked key as shown, a part of it across the stars, or the whole key as copied', () => {
    const full = `sk7Q${'m'.repeat(40)}Zx9w`
    const masked = token({ name: 'Prod Key', key: 'sk7Q**********Zx9w' })
    const other = token({ name: 'Other', key: 'ab12**********cd34' })
    for (const pasted of ['sk7Q**********Zx9w', '7Q***Zx', 'sk7Q**', '**Zx9w', `sk-${full}`, full, 'sk-sk7q'])
      expect([pasted, matchesSearch(masked, pasted), matchesSearch(other, pasted)]).toEqual([
        pasted,
        true,
        false,
      ])
    // Not a key this one could be: other ends, a different middle length is fine, but not a shorter key.
    for (const pasted of [
      'sk7Q**********Zx9x',
      'xsk7Q***Zx9w',
      'sk7QZx9',
      `sk-ab12${'m'.repeat(40)}Zx9w`,
      '*',
      'a*b*c',
    ])
      expect([pasted, matchesSearch(masked, pasted)]).toEqual([pasted, false])
  })

  it('finds an unmasked key (servers before 2026-03) by any piece of it, with or without sk-', () => {
    const plain = token({ name: 'Old', key: `sk7Q${'m'.repeat(40)}Zx9w` })
    expect(matchesSearch(plain, 'mmmZx9')).toBe(true)
    expect(matchesSearch(plain, `sk-sk7Q${'m'.repeat(40)}Zx9w`)).toBe(true)
    expect(matchesSearch(plain, 'sk7Q****Zx9w')).toBe(false)
    // A key with stars in more than one place (not the gateway's mask): any piece of what shows.
    const odd = token({ name: 'Odd', key: 'ab**cd**ef' })
    expect(['ab', 'cd', 'ef'].map((piece) => matchesSearch(odd, piece))).toEqual([true, true, true])
  })

  it('finds a token by what it is called now, after a reload or a draft renamed it', () => {
    const before = row({ id: 9, name: 'Staging-Key', key: 'abcd**********wxyz' })
    expect(names(filterRows([before], NO_FILTER, 'staging', NOW))).toEqual(['Staging-Key'])
    // The same token as the next listing (or a draft) gives it: a new object, renamed and re-keyed.
    const after = { ...before, token: { ...before.token, name: 'Production', key: 'efgh**********stuv' } }
    expect(filterRows([after], NO_FILTER, 'staging', NOW)).toEqual([])
    expect(filterRows([after], NO_FILTER, 'abcd', NOW)).toEqual([])
    expect(names(filterRows([after], NO_FILTER, 'PROD', NOW))).toEqual(['Production'])
    expect(names(filterRows([after], NO_FILTER, 'stuv', NOW))).toEqual(['Production'])
    // And the first object still reads as it did.
    expect(names(filterRows([before], NO_FILTER, 'wxyz', NOW))).toEqual(['Staging-Key'])
  })

  it('never drops a row that matches, never keeps one that does not, and keeps the order', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 3 }),
        fc.subarray(['enabled', 'disabled', 'expired', 'exhausted'] as const),
        (query, statuses) => {
          const kept = filterRows(rows, filter({ statuses: [...statuses] }), query, NOW)
          const expected = rows.filter(
            (candidate) =>
              matchesSearch(candidate.token, query) &&
              (statuses.length === 0 ||
                filterRows([candidate], filter({ statuses: [...statuses] }), '', NOW).length === 1),
          )
          expect(kept).toEqual(expected)
        },
      ),
    )
  })

  it('reads a damaged saved filter as no filter rather than failing', () => {
    expect(tokenFilterSchema.parse({ statuses: ['nope'], expiringWithinDays: -3, traits: 'x' })).toEqual(
      NO_FILTER,
    )
  })
})

describe('the defaults written out by hand', () => {
  it('are what the schemas read an empty filter and an empty view as', () => {
    expect(tokenFilterSchema.parse({})).toEqual(NO_FILTER)
    expect(serverViewSchema.parse({})).toEqual(DEFAULT_SERVER_VIEW)
  })
})
