import { z } from 'zod'
import { WATCH_REASONS } from '../domain/watch-rule'
import { watchSettingsSchema } from '../domain/watch-settings'
import { profileIdSchema } from './draft-contract'

// The Watch (tokens that expire soon or run low) and the app's attention calls (what the OS may be told),
// as they cross the bridge. Structured data only: names and counts, never a key or an access token.

export const watchEntrySchema = z.object({
  tokenId: z.number().int(),
  name: z.string(),
  reasons: z.array(z.enum(WATCH_REASONS)).min(1),
  expiredTime: z.number().int(),
  remainQuota: z.number().int().nullable(),
})

export const watchStateSchema = z.object({
  profileId: z.string(),
  /** The thresholds in force (the server's own, or the defaults in its quota unit). */
  settings: watchSettingsSchema,
  /** Whether the server has thresholds of its own (false: the defaults). */
  custom: z.boolean(),
  entries: z.array(watchEntrySchema),
  /** When the token list the entries come from was read (unix ms); null: never read. */
  checkedAt: z.number().nullable(),
})
export type WatchState = z.output<typeof watchStateSchema>

/** Tokens watched per server and in all, as a tray or dock badge shows them. */
export const watchCountsSchema = z.object({
  total: z.number().int().nonnegative(),
  servers: z.array(z.object({ profileId: z.string(), count: z.number().int().nonnegative() })),
})
export type WatchCounts = z.output<typeof watchCountsSchema>

const attentionToken = z.object({ tokenId: z.number().int().nullable(), name: z.string() })

/**
 * Something the user should hear of even with the window in the background, decided once per event by
 * main: drafts the server refused (`sync-failed`), drafts stopped for a decision (`needs-decision`:
 * conflict, deleted on the server), tokens that entered the Watch (`watch`, with the new reasons).
 */
export const attentionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.enum(['sync-failed', 'needs-decision']),
    profileId: z.string(),
    serverName: z.string(),
    count: z.number().int().positive(),
    tokens: z.array(attentionToken),
  }),
  z.object({
    kind: z.literal('watch'),
    profileId: z.string(),
    serverName: z.string(),
    count: z.number().int().positive(),
    tokens: z.array(attentionToken.extend({ reasons: z.array(z.enum(WATCH_REASONS)).min(1) })),
  }),
])
export type Attention = z.output<typeof attentionSchema>

export const setWatchInputSchema = z.object({
  id: profileIdSchema,
  /** null: back to the defaults. */
  watch: watchSettingsSchema.nullable(),
})
