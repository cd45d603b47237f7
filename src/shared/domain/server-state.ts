import { z } from 'zod'
import { appErrorDataSchema } from '../result-schema'
import { pacingSchema } from './profile'

// What TokenDesk knows of each saved server right now, for the header and the outbox: can it be reached
// (learned from every request, not only from listing), and how many edits wait to be sent to it.

export const REACH_STATES = [
  /** No request has been answered yet in this run. */
  'unknown',
  'online',
  /** Unreachable (refused, DNS, TLS, timeout): TokenDesk probes it with backoff. */
  'offline',
  /** The server asked TokenDesk to wait (429); `until` says how long. */
  'rate-limited',
  /** The server refused the access token or the account (401/403): the user must act. */
  'auth-refused',
  /** No access token to send: none is stored (keychain reset, an import), or the keychain cannot answer. */
  'needs-token',
] as const

export type ReachState = (typeof REACH_STATES)[number]

export const serverReachSchema = z.object({
  state: z.enum(REACH_STATES),
  /** Unix milliseconds when this state began. */
  since: z.number(),
  /** rate-limited: when the server's pause ends. */
  until: z.number().nullable(),
  /** offline: when TokenDesk looks again by itself. */
  nextProbeAt: z.number().nullable(),
  /** The failure that put the server in this state (offline, auth-refused, rate-limited). */
  error: appErrorDataSchema.nullable(),
})

export type ServerReach = z.infer<typeof serverReachSchema>

export const serverStateSchema = z.object({
  profileId: z.string(),
  reach: serverReachSchema,
  /** Drafts not yet on the server (held, pending, syncing, conflict, failed). */
  unsynced: z.number().int().nonnegative(),
  /** Of those, the ones waiting for the user (conflict or failed). */
  needsAttention: z.number().int().nonnegative(),
  syncing: z.boolean(),
  /**
   * Requests wait for room in the server's request window (TokenDesk keeps to the server's limit rather
   * than be refused) until about then, unix ms; null when nothing waits for it.
   */
  heldUntil: z.number().nullable(),
  /**
   * The server refused requests (429) after fewer in TokenDesk's window than the limit it keeps to: its
   * own limit is lower than the one set for it. The requests before the refusal, the limit kept to then
   * (per `windowSeconds`), and the server's own limit as the refusal tells it (`suggested`); null when
   * there was none.
   */
  refusedEarly: z
    .object({
      admitted: z.number().int().positive(),
      limit: z.number().int().positive(),
      windowSeconds: z.number().positive(),
      suggested: pacingSchema,
    })
    .nullable(),
  /** Sending queued drafts by itself is on (the app setting) and not paused by the server's state. */
  autoSync: z.boolean(),
})

export type ServerState = z.infer<typeof serverStateSchema>

export const UNKNOWN_REACH: ServerReach = {
  state: 'unknown',
  since: 0,
  until: null,
  nextProbeAt: null,
  error: null,
}
