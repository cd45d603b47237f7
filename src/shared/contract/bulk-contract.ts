import { z } from 'zod'
import { bulkChangeSchema } from '../domain/bulk-change'
import { appErrorDataSchema } from '../result-schema'
import { profileIdSchema, tokenIdSchema } from './draft-contract'

// The bulk channels: one bulk change (bulk-change.ts) over a selection becomes a job in main, which
// queues one draft per token through the outbox and reports its progress as `bulk.changed` events.
// The renderer previews with the same pure model (bulk-preview.ts); main checks everything again.

/** Tokens one job may name: a user holds at most 1000 tokens by default; admins raise that. */
export const MAX_BULK_IDS = 5000

export const bulkStartInputSchema = z.object({
  profileId: profileIdSchema,
  /** In the order the user sees them: `{n}` in a rename counts along it. */
  tokenIds: z.array(tokenIdSchema).min(1).max(MAX_BULK_IDS),
  change: bulkChangeSchema,
})

export const BULK_JOB_KINDS = ['apply', 'undo'] as const
export const BULK_JOB_STATES = [
  /** Its drafts are being sent (or wait for the server, as any queued draft does). */
  'running',
  /** Held by the user: nothing more is sent until resumed. */
  'paused',
  /** Every token has an outcome (synced, failed, conflict, skipped or cancelled). */
  'done',
] as const

export const BULK_ITEM_STATES = [
  'queued',
  'syncing',
  'synced',
  /** The server (or a rule) refused it: `error` says why. */
  'failed',
  /** Changed on the server meanwhile in a way that cannot be merged: the user decides in the outbox. */
  'conflict',
  /** Nothing to change for this token (already as asked), or not changeable (its own error). */
  'skipped',
  /** Cancelled before it was sent. */
  'cancelled',
] as const
export type BulkItemState = (typeof BULK_ITEM_STATES)[number]

export const bulkItemSchema = z.object({
  tokenId: z.number().int(),
  name: z.string(),
  state: z.enum(BULK_ITEM_STATES),
  /** The draft carrying this token's change while it is in the outbox. */
  draftId: z.string().nullable(),
  error: appErrorDataSchema.nullable(),
  /** Requests this token's write took. */
  requests: z.number().int().nonnegative(),
  /** Quota units the write gave back (usage between its read and its PUT), as measured; null before. */
  refund: z.number().int().nullable(),
})
export type BulkItem = z.output<typeof bulkItemSchema>

export const bulkJobSchema = z.object({
  id: z.string(),
  profileId: z.string(),
  kind: z.enum(BULK_JOB_KINDS),
  /** For an undo: the job it reverts. */
  undoOf: z.string().nullable(),
  state: z.enum(BULK_JOB_STATES),
  change: bulkChangeSchema,
  createdAt: z.number(),
  finishedAt: z.number().nullable(),
  items: z.array(bulkItemSchema),
  /** Seconds the remaining requests need at the server's pace, at least; null when unknown. */
  secondsLeft: z.number().nonnegative().nullable(),
  /**
   * Goes up with every change main saves: answers and events travel apart (HTTP and its event stream),
   * so the page keeps whichever copy of a job is newer, never an older answer over a newer event.
   */
  revision: z.number().int().nonnegative().default(0),
  /** The user put the finished job's report away: the tokens screen no longer shows it, after a restart too. */
  putAway: z.boolean().default(false),
})
export type BulkJob = z.output<typeof bulkJobSchema>

export const bulkJobRefSchema = z.object({ profileId: profileIdSchema, jobId: z.string().min(1) })

export const BULK_CONTROLS = ['pause', 'resume', 'cancel', 'retryFailed', 'putAway'] as const
export const bulkControlInputSchema = bulkJobRefSchema.extend({ action: z.enum(BULK_CONTROLS) })
