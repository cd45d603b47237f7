import { z } from 'zod'
import { MAX_BATCH } from '../domain/batch-names'
import {
  draftBaseSchema,
  draftViewSchema,
  MERGED_FIELDS,
  mergedFieldSchema,
  syncRecordSchema,
} from '../domain/draft'
import { quotaIntentSchema } from '../domain/quota-intent-schema'
import { tokenChangesShapeSchema } from '../domain/token-fields'
import { fieldIssueSchema } from '../result-schema'

// The outbox's part of the contract: saving edits as drafts, creating and deleting tokens, and what the
// user does with drafts afterwards (send, discard, resolve). Kept apart from contract.ts for size.

export const profileIdSchema = z.string().min(1)
export const tokenIdSchema = z.number().int().positive()
const draftIdSchema = z.string().min(1).max(100)

/**
 * 'hold': keep it only ("Save as draft", or input kept when the editor closes); 'queue': send it when the
 * server can be reached; 'now': send it at once and answer with the outcome ("Save").
 */
export const draftModeSchema = z.enum(['hold', 'queue', 'now'])

const wantStatusSchema = z.union([z.literal(1), z.literal(2)]).nullable()

export const draftSaveInputSchema = z.object({
  profileId: profileIdSchema,
  /** The draft being edited; null starts a new one. */
  draftId: draftIdSchema.nullable(),
  tokenId: tokenIdSchema,
  /** The token as the user saw it when the edit began. */
  base: draftBaseSchema,
  changes: tokenChangesShapeSchema,
  quota: quotaIntentSchema.nullable(),
  wantStatus: wantStatusSchema,
  mode: draftModeSchema,
})
export type DraftSaveInput = z.output<typeof draftSaveInputSchema>

export const draftCreateInputSchema = z.object({
  profileId: profileIdSchema,
  draftId: draftIdSchema.nullable(),
  // The two fields that go with `auto` may be left out by a caller that never offers them.
  fields: tokenChangesShapeSchema
    .required()
    .extend({ cross_group_retry: z.boolean().default(false), auto_groups: z.string().default('') }),
  /** Quota units of a limited token (ignored when unlimited). */
  remainQuota: z.number().int(),
  /** How many tokens to make with these fields; several get numbered names when queued. */
  quantity: z.number().int().min(1).max(MAX_BATCH).default(1),
  mode: draftModeSchema,
})
export type DraftCreateInput = z.output<typeof draftCreateInputSchema>

export const draftDeleteInputSchema = z.object({
  profileId: profileIdSchema,
  tokenId: tokenIdSchema,
  base: draftBaseSchema,
  mode: z.enum(['queue', 'now']),
})
export type DraftDeleteInput = z.output<typeof draftDeleteInputSchema>

export const draftRefSchema = z.object({ profileId: profileIdSchema, draftId: draftIdSchema })

export const draftSyncInputSchema = z.object({
  profileId: profileIdSchema,
  /** null: every unsynced draft of the server that can go. */
  draftId: draftIdSchema.nullable(),
})

export const draftResolutionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('fields'),
    choices: z
      .array(
        z.object({
          field: mergedFieldSchema,
          take: z.enum(['mine', 'theirs', 'value']),
          /** With 'value': the value the user typed (checked against the field's type). */
          value: z.union([z.string(), z.number(), z.boolean()]).optional(),
        }),
      )
      .max(MERGED_FIELDS.length),
    /**
     * When the quota conflicts: keep the amount set, take the server's, or both (the amount set with the
     * server's own change on top).
     */
    quota: z.enum(['mine', 'theirs', 'both']).optional(),
  }),
  z.object({ kind: z.literal('deleted'), action: z.enum(['discard', 'recreate']) }),
])
export type DraftResolution = z.output<typeof draftResolutionSchema>

export const draftResolveInputSchema = draftRefSchema.extend({ resolution: draftResolutionSchema })
export type DraftResolveInput = z.output<typeof draftResolveInputSchema>

export const saveOutcomeSchema = z.object({
  /**
   * synced: on the server (`record` says what happened); syncing: still being sent (it goes on);
   * queued: waits for the server; held: kept as a draft; invalid: breaks a rule (`issues`), kept as a
   * held draft; conflict/failed: stopped for the user (see the draft); nothing: no change left to keep;
   * review: a production server's change, waiting in the outbox until the user pushes it.
   */
  outcome: z.enum([
    'synced',
    'syncing',
    'queued',
    'held',
    'invalid',
    'conflict',
    'failed',
    'nothing',
    'review',
  ]),
  /** The draft as it is now; null once synced or when nothing is left. */
  draft: draftViewSchema.nullable(),
  record: syncRecordSchema.nullable(),
  /** invalid: what breaks which rule (i18n keys under `fields.`). */
  issues: z.array(fieldIssueSchema).optional(),
})
export type SaveOutcome = z.output<typeof saveOutcomeSchema>

export const draftListSchema = z.object({
  drafts: z.array(draftViewSchema),
  history: z.array(syncRecordSchema),
})
