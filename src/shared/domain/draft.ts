import { z } from 'zod'
import { appErrorDataSchema } from '../result-schema'
import { MAX_BATCH } from './batch-names'
import { quotaIntentSchema } from './quota-intent-schema'
import { tokenChangeFieldsSchema, tokenEditableSchema } from './token'
import { tokenChangesShapeSchema } from './token-fields'

// Every edit is a draft first, kept in main's outbox per server until the server holds it
// (docs/architecture: "Drafts and sync"). A draft records what the user meant, not a copy of the token:
// - `base`: the token as the user saw it when the edit began — what "untouched by them" is measured
//   against when the draft is merged with what changed on the server meanwhile;
// - `changes`: only the fields the user touched; `quota`: an intent (set X / add Y), never a value to
//   compare, because usage moves it on the server; `wantStatus`: enable or disable.
// A create carries every field of the new token in `changes`; a delete carries nothing but its base.
// A create kept for later may stand for several tokens (`quantity`): it becomes one create per token,
// each with its numbered name, when it is queued (drafts/batch-split.ts) — the numbers continue after the
// names the server holds then, not when the draft was typed.

export const DRAFT_KINDS = ['update', 'create', 'delete'] as const
export type DraftKind = (typeof DRAFT_KINDS)[number]

export const DRAFT_STATES = [
  /** Kept, not queued: "Save as draft", or input kept when the editor closed. Sent when the user says. */
  'held',
  /** Queued: sent as soon as the server can be reached. */
  'pending',
  'syncing',
  /** Stopped: changed on the server too (or deleted there); the user decides. */
  'conflict',
  /** Stopped: the server (or a rule) refused it; the message says why. */
  'failed',
] as const
export type DraftState = (typeof DRAFT_STATES)[number]

/** The fields a draft may change besides quota and status; they merge field by field. */
export const mergedFieldSchema = tokenChangeFieldsSchema.keyof()
export const MERGED_FIELDS = mergedFieldSchema.options
export type MergedField = z.infer<typeof mergedFieldSchema>

export const draftBaseSchema = z.object({
  id: z.number().int().positive(),
  ...tokenEditableSchema.shape,
  // Drafts kept before TokenDesk edited these read as what the server means by their absence.
  cross_group_retry: z.boolean().default(false),
  auto_groups: z.string().default(''),
  status: z.number().int(),
  /**
   * remain_quota + used_quota as the server held them when the edit began (main fills it in from what it
   * last read; absent in drafts kept before it existed). Usage moves quota from remain to used and keeps
   * this sum: a sum that moved otherwise means the quota was changed on the server (quota-conflict.ts).
   */
  quota_total: z.number().int().optional(),
})
export type DraftBase = z.infer<typeof draftBaseSchema>

const fieldValueSchema = z.union([z.string(), z.number(), z.boolean()])

export const fieldConflictSchema = z.object({
  field: mergedFieldSchema,
  base: fieldValueSchema,
  mine: fieldValueSchema,
  theirs: fieldValueSchema,
})
export type FieldConflict = z.infer<typeof fieldConflictSchema>

/**
 * A "set to" amount while the quota was changed on the server by more than usage explains (a top-up):
 * remain_quota as the user saw it, the amount they set, the server's now, and the server's own change.
 */
export const quotaConflictSchema = z.object({
  base: z.number().int(),
  mine: z.number().int(),
  theirs: z.number().int(),
  moved: z.number().int(),
})
export type QuotaConflict = z.infer<typeof quotaConflictSchema>

export const draftConflictSchema = z.discriminatedUnion('kind', [
  /**
   * Fields both sides changed to different values, and the quota when both changed it; `theirs` is the
   * token as the server now holds it.
   */
  z.object({
    kind: z.literal('fields'),
    fields: z.array(fieldConflictSchema),
    quota: quotaConflictSchema.optional(),
    theirs: draftBaseSchema,
  }),
  /** The token was deleted on the server: discard the draft, or recreate the token with it. */
  z.object({ kind: z.literal('deleted') }),
])
export type DraftConflict = z.infer<typeof draftConflictSchema>

/** A read and the body of an update attempt that may have landed (kept for relative quota changes). */
export const earlierAttemptSchema = z.object({
  /** The read the attempt's body was built from (its editable fields and usage counter). */
  before: draftBaseSchema.omit({ id: true, status: true }).extend({ used_quota: z.number().int() }),
  sent: z.record(z.string(), z.unknown()),
})

/** What survives a crash in the middle of sending, so the next attempt neither repeats nor loses it. */
export const inFlightSchema = z.object({
  startedAt: z.number(),
  earlier: earlierAttemptSchema.nullable(),
  /** Create: the highest id seen before sending, and what was sent (gateway/token-create.ts). */
  createMarker: z
    .object({ afterId: z.number().int().nonnegative(), fields: z.record(z.string(), z.unknown()) })
    .nullable(),
})

export const draftSchema = z.object({
  id: z.string().min(1),
  profileId: z.string().min(1),
  kind: z.enum(DRAFT_KINDS),
  /** null for a create until the server made the token. */
  tokenId: z.number().int().positive().nullable(),
  base: draftBaseSchema.nullable(),
  changes: tokenChangesShapeSchema,
  quota: quotaIntentSchema.nullable(),
  wantStatus: z.union([z.literal(1), z.literal(2)]).nullable(),
  state: z.enum(DRAFT_STATES),
  /** Order in which drafts were made (per server); a token's drafts are sent in this order. */
  seq: z.number().int().nonnegative(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** Sync attempts that failed with a passing failure since the draft was last queued. */
  attempts: z.number().int().nonnegative(),
  lastError: appErrorDataSchema.nullable(),
  conflict: draftConflictSchema.nullable(),
  inFlight: inFlightSchema.nullable(),
  /** After a passing failure: not before this time (Unix ms). */
  retryAt: z.number().nullable(),
  /** A held create's count of tokens to make (absent: one); gone once it is queued and split. */
  quantity: z.number().int().min(2).max(MAX_BATCH).optional(),
  /** The bulk job that queued this draft (core/bulk): its progress follows the draft's outcome. */
  bulkJobId: z.string().min(1).optional(),
})
export type Draft = z.infer<typeof draftSchema>

/**
 * A draft as the UI sees it: the crash-recovery notes stay in main; `locked` says they exist — an attempt
 * may have reached the server, so the draft is sent as it is and a further edit becomes a new draft.
 */
export const draftViewSchema = draftSchema.omit({ inFlight: true }).extend({ locked: z.boolean() })
export type DraftView = z.infer<typeof draftViewSchema>

/** What happened when a draft reached the server; kept as the outbox's history. */
export const syncRecordSchema = z.object({
  draftId: z.string(),
  kind: z.enum(DRAFT_KINDS),
  tokenId: z.number().int().nullable(),
  name: z.string(),
  /** Unix milliseconds. */
  at: z.number(),
  outcome: z.enum(['written', 'unchanged', 'created', 'deleted', 'already-deleted']),
  /** Fields the update wrote (quota and status included when they changed). */
  fields: z.array(z.string()),
  /** Quota units of usage the full update handed back (docs/newapi-behaviour.md §6); null when unknown. */
  refund: z.number().int().nonnegative().nullable(),
  /** Requests the sync made. */
  requests: z.number().int().nonnegative(),
  /**
   * The quota an update replaced and wrote (the fresh read's value → the body's), when it changed the
   * quota: what an undo must put back (a set replaced the fresh value, not the one the user saw).
   */
  quota: z.object({ before: z.number(), after: z.number() }).nullable().optional(),
  /**
   * The bulk job the draft belonged to, while that job's own file may not hold this outcome yet: the
   * outbox keeps such a record past its history limit, so a restart can still tell the job it was sent.
   */
  bulkJobId: z.string().min(1).optional(),
})
export type SyncRecord = z.infer<typeof syncRecordSchema>

export const NEEDS_ATTENTION: ReadonlySet<DraftState> = new Set(['conflict', 'failed'])
