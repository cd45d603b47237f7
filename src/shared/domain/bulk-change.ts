import { z } from 'zod'
import { bulkExpirySchema } from './bulk-expiry'
import { bulkIpsSchema, bulkModelsSchema } from './bulk-lists'
import { bulkRenameSchema } from './bulk-rename'
import type { EditableField } from './token'
import { groupSchema, remainQuotaSchema } from './token-fields'

// One bulk change: the operations the user ticked, applied to every token of a selection (bulk-apply.ts).
// An operation that is not ticked is absent, and the field it would change keeps each token's own value.
// Deleting is a change of its own: it cannot be combined with edits.
//
// Amounts are in quota units, as a draft's quota intent (quota-intent.ts): the dialog converts from the
// server's currency (quota-money.ts). Subtracting is adding a negative amount.

/** Every operation a bulk edit may tick, in the order a dialog lists them. */
export const BULK_OPS = [
  'rename',
  'quota',
  'unlimited',
  'expiry',
  'models',
  'modelLimits',
  'ips',
  'group',
  'status',
] as const
export type BulkOp = (typeof BULK_OPS)[number]

/** The token field each operation changes; no operation changes another's field. */
export const BULK_OP_FIELDS = {
  rename: 'name',
  quota: 'remain_quota',
  unlimited: 'unlimited_quota',
  expiry: 'expired_time',
  models: 'model_limits',
  modelLimits: 'model_limits_enabled',
  ips: 'allow_ips',
  group: 'group',
  status: 'status',
} as const satisfies Record<BulkOp, EditableField | 'status'>

/** Set the remaining quota to `value`, or add `delta` (negative: subtract) to what each token holds. */
export const bulkQuotaSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('set'), value: remainQuotaSchema }).strict(),
  z.object({ mode: z.literal('add'), delta: z.number().int({ message: 'quota.notInteger' }) }).strict(),
])

export const BULK_STATUSES = ['enable', 'disable'] as const

export const bulkEditSchema = z
  .object({
    kind: z.literal('edit'),
    rename: bulkRenameSchema.optional(),
    quota: bulkQuotaSchema.optional(),
    /** true: unlimited quota; false: limited (a token that was unlimited then needs `quota` set). */
    unlimited: z.boolean().optional(),
    expiry: bulkExpirySchema.optional(),
    models: bulkModelsSchema.optional(),
    /** Whether the model whitelist is enforced. */
    modelLimits: z.boolean().optional(),
    ips: bulkIpsSchema.optional(),
    /** The group, or several comma-separated where the server takes them ('' = the user's own). */
    group: groupSchema.optional(),
    status: z.enum(BULK_STATUSES).optional(),
  })
  .strict()
  .refine((edit) => BULK_OPS.some((op) => edit[op] !== undefined), { message: 'bulk.nothingTicked' })

export const bulkDeleteSchema = z.object({ kind: z.literal('delete') }).strict()

export const bulkChangeSchema = z.discriminatedUnion('kind', [bulkEditSchema, bulkDeleteSchema])

/** A bulk change as the dialog sends it (lists as typed, not yet normalised). */
export type BulkChangeInput = z.input<typeof bulkChangeSchema>
/** A parsed bulk change: what bulk-apply and bulk-preview take. */
export type BulkChange = z.output<typeof bulkChangeSchema>
export type BulkEdit = z.output<typeof bulkEditSchema>
export type BulkQuota = z.output<typeof bulkQuotaSchema>
export type BulkStatus = (typeof BULK_STATUSES)[number]

export type { BulkRename } from './bulk-rename'
export type { BulkExpiry, BulkDuration } from './bulk-expiry'
export type { BulkListOp } from './bulk-lists'
