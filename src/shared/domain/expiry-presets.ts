// The editor's quick expiry choices. Hours and days are fixed lengths; a month and a year follow the
// calendar in the user's time zone, ending on the same day of the month — or the month's last day when
// it has no such day (Jan 31 + 1 month = Feb 28 or 29; Feb 29 + 1 year = Feb 28). Each counts from now
// or extends the current expiry; an expiry already past extends from now (extending from a past date
// would leave the token expired, which is never what the button means).

export const EXPIRY_PRESETS = ['hour', 'day', 'week', 'days30', 'month', 'year'] as const
export type ExpiryPreset = (typeof EXPIRY_PRESETS)[number]

export type ExpiryBase = 'now' | 'current'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS

const FIXED_MS: Partial<Record<ExpiryPreset, number>> = {
  hour: HOUR_MS,
  day: DAY_MS,
  week: 7 * DAY_MS,
  days30: 30 * DAY_MS,
}

/** `ms` moved `months` calendar months on, the day clamped to the target month's last day. */
export function addCalendarMonths(ms: number, months: number): number {
  const date = new Date(ms)
  const day = date.getDate()
  date.setDate(1) // so setMonth cannot overflow into the month after
  date.setMonth(date.getMonth() + months)
  const lastDay = new Date(date.getFullYear(), date.getMonth() + 1, 0).getDate()
  date.setDate(Math.min(day, lastDay))
  return date.getTime()
}

/** Where a preset counts from: now, or the current expiry when asked and still ahead. */
export function presetStart(base: ExpiryBase, nowMs: number, currentMs: number | null): number {
  return base === 'current' && currentMs !== null && currentMs > nowMs ? currentMs : nowMs
}

/** The expiry (Unix ms) a preset gives. `currentMs` null: the token never expires (or has no expiry yet). */
export function presetExpiry(
  preset: ExpiryPreset,
  base: ExpiryBase,
  nowMs: number,
  currentMs: number | null,
): number {
  const start = presetStart(base, nowMs, currentMs)
  const fixed = FIXED_MS[preset]
  if (fixed !== undefined) return start + fixed
  return addCalendarMonths(start, preset === 'month' ? 1 : 12)
}
