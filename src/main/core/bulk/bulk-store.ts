import { z } from 'zod'
import { bulkItemSchema, bulkJobSchema, type BulkJob } from '@shared/contract/bulk-contract'
import { draftBaseSchema } from '@shared/domain/draft'
import { quotaIntentSchema } from '@shared/domain/quota-intent-schema'
import { tokenChangesShapeSchema } from '@shared/domain/token-fields'
import type { JsonDocument, UpdateOptions } from '../storage/json-file'
import type { ServerFiles } from '../storage/server-files'

// Each server's bulk jobs on disk, beside its outbox, written the same crash-safe way (json-file.ts).
// A job as kept holds more than the UI sees: per token the before → after values of the fields the
// change wrote (what an undo puts back) and the draft it queued; `queued` says its drafts reached the
// outbox (a job saved but not yet queued is queued again on start — with the same draft ids, so never
// twice).

export const BULK_FILE = 'bulk-jobs.json'
/** Finished jobs kept per server (the newest); running ones are always kept. */
const KEPT_JOBS = 50

const fieldValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()])

export const appliedSchema = z.object({
  field: z.string(),
  before: fieldValueSchema,
  after: fieldValueSchema,
})
export type Applied = z.infer<typeof appliedSchema>

/** The draft a token's change became (bulk-result.ts), kept until the outbox holds it. */
export const bulkDraftSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('update'),
    changes: tokenChangesShapeSchema,
    quota: quotaIntentSchema.nullable(),
    wantStatus: z.union([z.literal(1), z.literal(2)]).nullable(),
  }),
  z.object({ kind: z.literal('delete') }),
])

export const storedItemSchema = bulkItemSchema.extend({
  /** The fields the draft changes, before → after (the quota as the write replaced it, once known). */
  applied: z.array(appliedSchema),
  /** The token as the job saw it (the draft's base); null when the job never had it. */
  base: draftBaseSchema.nullable(),
  /** What was queued for it; null when nothing was (skipped). */
  draft: bulkDraftSchema.nullable(),
})
export type StoredItem = z.infer<typeof storedItemSchema>

export const storedJobSchema = bulkJobSchema.extend({
  items: z.array(storedItemSchema),
  queued: z.boolean(),
})
export type StoredJob = z.infer<typeof storedJobSchema>

export const bulkFileSchema = z.object({ jobs: z.array(storedJobSchema) })
export type BulkFile = z.infer<typeof bulkFileSchema>

export const bulkDocument: JsonDocument<BulkFile> = {
  schema: bulkFileSchema,
  empty: () => ({ jobs: [] }),
  salvage: (raw) => {
    const list = (raw as { jobs?: unknown } | null)?.jobs
    if (!Array.isArray(list)) return null
    const jobs = list.flatMap((item) => {
      const parsed = storedJobSchema.safeParse(item)
      return parsed.success ? [parsed.data] : []
    })
    return { value: { jobs }, dropped: list.length - jobs.length }
  },
}

/** What the UI sees of a job (the output schema drops the rest on the way out, too). */
export function viewOf(job: StoredJob): BulkJob {
  return bulkJobSchema.parse(job)
}

export class BulkStore {
  constructor(private readonly files: ServerFiles<BulkFile>) {}

  async jobs(profileId: string): Promise<StoredJob[]> {
    return (await this.files.open(profileId)).value.jobs
  }

  /**
   * Saves these jobs (new or changed) durably; the oldest finished ones beyond the limit go. `within`:
   * the save may wait that long to share one write with others (json-file.ts).
   */
  async save(profileId: string, jobs: readonly StoredJob[], options: UpdateOptions = {}): Promise<void> {
    const file = await this.files.open(profileId)
    await file.update((current) => {
      const byId = new Map(current.jobs.map((job) => [job.id, job]))
      for (const job of jobs) byId.set(job.id, job)
      const all = [...byId.values()].sort((a, b) => b.createdAt - a.createdAt)
      let finished = 0
      const kept = all.filter((job) => job.state !== 'done' || (finished += 1) <= KEPT_JOBS)
      return { jobs: kept }
    }, options)
  }

  remove(profileId: string): Promise<void> {
    return this.files.remove(profileId)
  }
}
