import { z } from 'zod'
import { addCalendarMonths, type ExpiryPreset } from './expiry-presets'
import { NEVER_EXPIRES } from './token-values'
import { expiredTimeSchema } from './token-fields'

// The expiry of many tokens at once: a fixed time, "never", or each token's own expiry moved on by a
// duration. Months and years follow the calendar like the editor's presets (expiry-presets.ts): Jan 31 +
// 1 month = the last day of February, in the user's time zone.
//
// Extending counts from the token's current expiry, or from now when that has passed (extending a past
// date would leave the token expired, never what "extend" means) — or from now for every token when the
// user asks ("30 days from now" for all). A token that never expires stays so when extended from its
// current expiry: no duration is longer than "never", and silently giving it an end date would cut off
// a key someone relies on. Counting from now does give it one (the preview warns that it is shortened).

export const DURATION_UNITS = ['hour', 'day', 'week', 'month', 'year'] as const
export type DurationUnit = (typeof DURATION_UNITS)[number]

/** The longest count accepted for any unit: keeps the arithmetic far from overflow, and typos visible. */
export const MAX_DURATION_COUNT = 10_000

export const bulkDurationSchema = z
  .object({
    count: z
      .number()
      .int({ message: 'bulk.durationRange' })
      .min(1, { message: 'bulk.durationRange' })
      .max(MAX_DURATION_COUNT, { message: 'bulk.durationRange' }),
    unit: z.enum(DURATION_UNITS),
  })
  .strict()
export type BulkDuration = z.output<typeof bulkDurationSchema>

export const EXPIRY_BASES = ['current', 'now'] as const

export const bulkExpirySchema = z.discriminatedUnion('mode', [
  /** Unix seconds; must lie in the future when applied (the shared expiry rule). */
  z.object({ mode: z.literal('set'), at: expiredTimeSchema }).strict(),
  z.object({ mode: z.literal('extend'), by: bulkDurationSchema, from: z.enum(EXPIRY_BASES) }).strict(),
  z.object({ mode: z.literal('never') }).strict(),
])
export type BulkExpiry = z.output<typeof bulkExpirySchema>

const UNIT_SECONDS: Partial<Record<DurationUnit, number>> = { hour: 3_600, day: 86_400, week: 604_800 }

const PRESET_DURATIONS: Record<ExpiryPreset, BulkDuration> = {
  hour: { count: 1, unit: 'hour' },
  day: { count: 1, unit: 'day' },
  week: { count: 1, unit: 'week' },
  days30: { count: 30, unit: 'day' },
  month: { count: 1, unit: 'month' },
  year: { count: 1, unit: 'year' },
}

/** The duration one of the editor's quick expiry choices stands for, so a dialog can offer the same. */
export const durationOfPreset = (preset: ExpiryPreset): BulkDuration => PRESET_DURATIONS[preset]

/** `startSeconds` moved on by `duration` (Unix seconds). */
export function addDuration(startSeconds: number, duration: BulkDuration): number {
  const fixed = UNIT_SECONDS[duration.unit]
  if (fixed !== undefined) return startSeconds + fixed * duration.count
  const months = duration.unit === 'year' ? 12 * duration.count : duration.count
  return Math.floor(addCalendarMonths(startSeconds * 1000, months) / 1000)
}

/** The expiry `op` gives a token whose expiry is `current` (Unix seconds, or NEVER_EXPIRES). */
export function expiryAfter(current: number, op: BulkExpiry, nowSeconds: number): number {
  switch (op.mode) {
    case 'set':
      return op.at
    case 'never':
      return NEVER_EXPIRES
    case 'extend': {
      if (op.from === 'now') return addDuration(nowSeconds, op.by)
      if (current === NEVER_EXPIRES) return NEVER_EXPIRES
      return addDuration(Math.max(current, nowSeconds), op.by)
    }
  }
}
