import { z } from 'zod'
import { NAME_BYTES_CURRENT, type ServerFacts } from './server-facts'
import { serverFactsSchema } from './server-facts-schema'
import { watchSettingsSchema } from './watch-settings'

// A saved server. Never holds a secret: the access token lives in the OS keychain, keyed by `id`.

/** What a server can do, detected on connect and refreshed on reconnect (servers differ by version). */
export const serverFeaturesSchema = z.object({
  detectedAt: z.number().int(),
  /** Keys come masked in lists (since 2026-03-08); plaintext needs the reveal routes. */
  maskedKeys: z.boolean(),
  /** 1-based pages with {items,total} (since 2025-06-12), or 0-based bare arrays. */
  paging: z.enum(['one-based-object', 'zero-based-array']),
  autoGroups: z.boolean(),
  keyReveal: z.boolean(),
  batchKeyReveal: z.boolean(),
  batchDelete: z.boolean(),
  /** Search matches exactly unless wrapped in % (since 2026-02-06); older servers match substrings. */
  exactSearch: z.boolean(),
  /** Longest name in UTF-8 bytes (50 since 2025-12-04, 30 before); older saved features read as 50. */
  maxNameBytes: z.number().int().positive().default(NAME_BYTES_CURRENT),
})

export type ServerFeatures = z.output<typeof serverFeaturesSchema>

/**
 * The facts the UI and the field rules use, with what detection (or a refusal) found the server
 * accepts. The name limit is kept with the facts so that everything reading them — the editor's
 * counter, the checks in the renderer and in main — uses one number; this is where it is copied there.
 */
export function withNameLimit(server: ServerFacts, features: ServerFeatures | null): ServerFacts {
  return features ? { ...server, maxNameBytes: features.maxNameBytes } : server
}

/** The request budget TokenDesk keeps to for one server; null = the defaults for new-api. */
export const pacingSchema = z.object({
  requests: z.number().int().positive(),
  windowSeconds: z.number().positive(),
})

export type Pacing = z.infer<typeof pacingSchema>

export { DEFAULT_PACING } from './default-pacing'

/** The bounds of a rate limit a user may enter (also told to assistive technology by its fields). */
export const PACING_BOUNDS = {
  requests: { min: 1, max: 100_000 },
  windowSeconds: { min: 1, max: 86_400 },
} as const

/** What a user may enter as a server's rate limit: sane bounds, translated messages. */
export const pacingInputSchema = z.object({
  requests: z
    .number({ message: 'pacing.requests' })
    .int({ message: 'pacing.requests' })
    .min(PACING_BOUNDS.requests.min, { message: 'pacing.requests' })
    .max(PACING_BOUNDS.requests.max, { message: 'pacing.requests' }),
  windowSeconds: z
    .number({ message: 'pacing.window' })
    .min(PACING_BOUNDS.windowSeconds.min, { message: 'pacing.window' })
    .max(PACING_BOUNDS.windowSeconds.max, { message: 'pacing.window' }),
})

export const profileSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  baseUrl: z.string(),
  userId: z.number().int().positive(),
  createdAt: z.number().int(),
  /** Display name of the account the access token belongs to, from `/api/user/self`. */
  username: z.string().nullable(),
  server: serverFactsSchema,
  features: serverFeaturesSchema.nullable().default(null),
  pacing: pacingSchema.nullable().default(null),
  /** What the Watch looks for on this server; null = the defaults (watch-settings.ts). */
  watch: watchSettingsSchema.nullable().default(null),
  /** The user accepted that the access token travels unencrypted to this server (http://, not loopback). */
  allowInsecureHttp: z.boolean().default(false),
  /** A production server: nothing is sent to it before the user has reviewed the outbox and pushed. */
  production: z.boolean().default(false),
  /**
   * The server takes several comma-separated groups per token (a reseller's fork). TokenDesk also turns
   * it on by itself, once, when it sees the server's tokens carry a fork's group-list field
   * (`selected_groups`); `groupListSeen` remembers that, so a user who turns it off again is obeyed.
   */
  multiGroup: z.boolean().default(false),
  groupListSeen: z.boolean().default(false),
  /** The demo server TokenDesk runs itself: its access token is no secret and lives in memory only. */
  demo: z.boolean().default(false),
  /** When the access token was stored (null: before TokenDesk recorded it). Never the token itself. */
  accessTokenSetAt: z.number().int().nullable().default(null),
})

export type Profile = z.infer<typeof profileSchema>

export const profilesStateSchema = z.object({
  profiles: z.array(profileSchema),
  activeId: z.string().nullable(),
})

export type ProfilesState = z.infer<typeof profilesStateSchema>
