import { z } from 'zod'
import type { ServerFacts } from './server-facts'

// What the Watch looks for on one server, kept with the server's other settings (profile.ts). A server
// never set up has `watch: null` and is watched with the defaults below, which depend on the server's
// own quota unit — "$5" is 5 × quota_per_unit units, whatever currency the server displays.

/** Days ahead an expiry is worth a warning by default. */
export const DEFAULT_EXPIRES_WITHIN_DAYS = 7
/** Display dollars of remaining quota below which a token is low by default. */
export const DEFAULT_REMAINING_BELOW_USD = 5

/** Longest look-ahead accepted: ten years is already "never" for a token. */
export const MAX_WATCH_DAYS = 3650

export const watchSettingsSchema = z.object({
  enabled: z.boolean(),
  /** Expiring within this many days (null: expiry is not watched). */
  expiresWithinDays: z
    .number({ message: 'watch.days' })
    .int({ message: 'watch.days' })
    .min(1, { message: 'watch.days' })
    .max(MAX_WATCH_DAYS, { message: 'watch.days' })
    .nullable(),
  /** Remaining quota below this many quota units (null: quota is not watched). Unlimited tokens never. */
  remainingBelow: z
    .number({ message: 'watch.amount' })
    .int({ message: 'watch.amount' })
    .min(1, { message: 'watch.amount' })
    .max(Number.MAX_SAFE_INTEGER, { message: 'watch.amount' })
    .nullable(),
})

export type WatchSettings = z.infer<typeof watchSettingsSchema>

/** The thresholds a server is watched with: its own, or the defaults in its quota unit. */
export function watchSettingsOf(saved: WatchSettings | null, server: Pick<ServerFacts, 'quotaPerUnit'>) {
  return (
    saved ?? {
      enabled: true,
      expiresWithinDays: DEFAULT_EXPIRES_WITHIN_DAYS,
      remainingBelow: Math.round(DEFAULT_REMAINING_BELOW_USD * server.quotaPerUnit),
    }
  )
}
