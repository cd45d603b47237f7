import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyQuotaIntent } from '../../src/shared/domain/quota-intent'
import {
  amountToQuota,
  formatAmount,
  formatQuota,
  moneyUnit,
  parseAmount,
  quotaToAmount,
} from '../../src/shared/domain/quota-money'
import { DEFAULT_SERVER_FACTS, type ServerFacts } from '../../src/shared/domain/server-facts'

// The editor's quota input shows quota as money and reads money back: showing a value and reading it
// back must give the same quota units, for "set to" and for "add / subtract" alike.

const usd = DEFAULT_SERVER_FACTS
const cny: ServerFacts = { ...usd, displayType: 'CNY' }
const raw: ServerFacts = { ...usd, displayType: 'TOKENS' }
/** What the editor puts in the input for a quota: the amount rounded to 6 decimals (token-form.ts). */
const shown = (quota: number, facts: ServerFacts) =>
  facts.displayType === 'TOKENS' ? quota : Math.round(quotaToAmount(quota, facts) * 1e6) / 1e6

describe('quota shown as money and read back', () => {
  it('writes the amount the way the table writes quota', () => {
    expect(formatAmount(499_994, usd, 'en-US')).toBe('$499,994.00')
    expect(formatQuota(499_994 * 500_000, usd, 'en-US')).toBe('$499,994.00')
    expect(formatAmount(12.345678, usd, 'en-US')).toBe('$12.345678')
    expect(formatAmount(1_234_567, raw, 'zh-CN')).toBe('1,234,567')
    expect(parseAmount('$499,994.00', '$')).toBe(499_994)
    expect(parseAmount('¥12,5', '¥')).toBe(12.5)
    expect(parseAmount('-5', '$')).toBe(-5)
    expect(parseAmount('abc', '$')).toBeNull()
  })

  it('reads an amount however the two conventions write it, the currency sign before or after', () => {
    const read = (typed: string, symbol: string | null = '$') => parseAmount(typed, symbol)
    expect(['12.5', '12,5', '12,50', '$12.50', '12.50$', '$ 12.5', ' 12.5 '].map((t) => read(t))).toEqual(
      Array(7).fill(12.5),
    )
    expect(
      ['1,234.5', '1 234.5', '1.234,5', '1 234,5', '1234.5', '1\u202f234,5'].map((t) => read(t)),
    ).toEqual(Array(6).fill(1234.5))
    expect(['-5', '−5', '$-5.00', '-$5', '− $5'].map((t) => read(t))).toEqual(Array(5).fill(-5))
    expect(read('+$4.00')).toBe(4)
    expect(read('1,000')).toBe(1000)
    expect(read('.5')).toBe(0.5)
    expect(read('2 500 000', null)).toBe(2_500_000)
    expect(read('€3', '€')).toBe(3)
    expect(read('7 credits', 'credits')).toBe(7)
  })

  it('reads nothing it would have to guess at: other signs, units, exponents, stray separators', () => {
    const unread = [
      '1e3',
      '500000 units',
      '1000000u',
      '¥5',
      '5元',
      'US$5',
      '$5$',
      '--5',
      '+-5',
      '1,2,3',
      '1.000.5',
      '12 5',
      '1,234,56',
      '$',
      '.',
      'abc',
      '5%',
    ]
    expect(unread.map((typed) => [typed, parseAmount(typed, '$')])).toEqual(
      unread.map((typed) => [typed, null]),
    )
    // Raw quota units have no currency sign at all.
    expect(parseAmount('$5', null)).toBeNull()
  })

  it('gives back the same quota units, set or added, in every display currency', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e14 }),
        fc.constantFrom(usd, cny, raw),
        fc.constantFrom('en-US', 'zh-CN'),
        fc.integer({ min: 0, max: 1e12 }),
        (quota, facts, locale, fresh) => {
          const amount = shown(quota, facts)
          const typed = parseAmount(formatAmount(amount, facts, locale), moneyUnit(facts).symbol)
          expect(typed).not.toBeNull()
          const units = amountToQuota(typed ?? 0, facts)
          expect(units).toBe(quota)
          // The same number as a change: applied to whatever the server holds at the time.
          expect(applyQuotaIntent(fresh, { mode: 'add', delta: units })).toBe(fresh + quota)
          expect(applyQuotaIntent(fresh, { mode: 'set', value: units })).toBe(quota)
        },
      ),
    )
  })
})
