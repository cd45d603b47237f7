import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addCalendarMonths, presetExpiry, presetStart } from '../../src/shared/domain/expiry-presets'

// Quick expiry: fixed lengths for hours and days, the calendar for a month and a year (clamped to the
// target month's last day), from now or from the current expiry.

const local = (y: number, m: number, d: number, h = 10, min = 30) => new Date(y, m - 1, d, h, min).getTime()
const daysIn = (year: number, month0: number) => new Date(year, month0 + 1, 0).getDate()

describe('expiry presets', () => {
  it('clamps a calendar month to the last day of the next month', () => {
    expect(new Date(addCalendarMonths(local(2027, 1, 31), 1))).toEqual(new Date(local(2027, 2, 28)))
    expect(new Date(addCalendarMonths(local(2028, 1, 31), 1))).toEqual(new Date(local(2028, 2, 29)))
    expect(new Date(addCalendarMonths(local(2027, 3, 31), 1))).toEqual(new Date(local(2027, 4, 30)))
    expect(new Date(addCalendarMonths(local(2027, 12, 31), 1))).toEqual(new Date(local(2028, 1, 31)))
    expect(new Date(addCalendarMonths(local(2028, 2, 29), 12))).toEqual(new Date(local(2029, 2, 28)))
  })

  it('moves any date one month on: next month, same day or its last, same time of day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2100 }),
        fc.integer({ min: 0, max: 11 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (year, month0, wantedDay, hour, minute) => {
          const day = Math.min(wantedDay, daysIn(year, month0))
          const start = new Date(year, month0, day, hour, minute)
          const next = new Date(addCalendarMonths(start.getTime(), 1))
          const expectedMonth = (month0 + 1) % 12
          expect(next.getMonth()).toBe(expectedMonth)
          expect(next.getFullYear()).toBe(month0 === 11 ? year + 1 : year)
          expect(next.getDate()).toBe(Math.min(day, daysIn(next.getFullYear(), expectedMonth)))
          expect([next.getHours(), next.getMinutes()]).toEqual([hour, minute])
        },
      ),
    )
  })

  it('counts from now or extends the current expiry; a past expiry extends from now', () => {
    const now = local(2027, 5, 10)
    const current = local(2027, 6, 1)
    expect(presetExpiry('hour', 'now', now, current)).toBe(now + 3_600_000)
    expect(presetExpiry('day', 'current', now, current)).toBe(current + 86_400_000)
    expect(presetExpiry('week', 'current', now, current)).toBe(current + 7 * 86_400_000)
    expect(presetExpiry('days30', 'now', now, null)).toBe(now + 30 * 86_400_000)
    expect(presetExpiry('month', 'current', now, current)).toBe(local(2027, 7, 1))
    expect(presetExpiry('year', 'now', now, current)).toBe(local(2028, 5, 10))
    expect(presetStart('current', now, local(2027, 1, 1))).toBe(now)
    expect(presetStart('current', now, null)).toBe(now)
  })
})
