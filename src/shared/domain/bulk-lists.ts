import { z } from 'zod'
import { ipEntryKey } from './ip-list'
import { splitIpList } from './ip-list-lines'
import { splitNameList } from './name-list'
import { allowIpsSchema, modelLimitsSchema } from './token-fields'

// Changing a list field of many tokens — the model whitelist (comma-separated names) or the IP whitelist
// (one IP or CIDR per line) — by adding entries, removing entries, or replacing the whole list. The
// entries are written in the editor's own syntax and checked by the same rules (token-fields.ts). Adding
// keeps each token's entries and their order and appends the new ones it lacks; removing keeps the rest.
// IPs compare as addresses ("2001:DB8::1" is "2001:db8:0:0::1"), model names exactly.

const nonEmpty = { message: 'bulk.listEmpty' }

function listOpSchema<T extends z.ZodType<string, string>>(list: T) {
  return z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('add'), list: list.refine((text) => text !== '', nonEmpty) }).strict(),
    z.object({ mode: z.literal('remove'), list: list.refine((text) => text !== '', nonEmpty) }).strict(),
    /** An empty list clears the field. */
    z.object({ mode: z.literal('replace'), list }).strict(),
  ])
}

/** Models: `list` is comma-separated names, normalised as the editor does. */
export const bulkModelsSchema = listOpSchema(modelLimitsSchema)
/** IPs: `list` is one IP or CIDR per line; a bad line is refused with its line number. */
export const bulkIpsSchema = listOpSchema(allowIpsSchema)

export type BulkListOp = z.output<typeof bulkModelsSchema>

interface ListSyntax {
  split: (text: string) => string[]
  join: string
  key: (entry: string) => string
}

const MODEL_SYNTAX: ListSyntax = { split: splitNameList, join: ',', key: (name) => name }
const IP_SYNTAX: ListSyntax = { split: splitIpList, join: '\n', key: ipEntryKey }

function applyListOp(current: string, op: BulkListOp, syntax: ListSyntax): string {
  if (op.mode === 'replace') return op.list
  const entries = syntax.split(current)
  const given = syntax.split(op.list)
  if (op.mode === 'remove') {
    const removed = new Set(given.map(syntax.key))
    return entries.filter((entry) => !removed.has(syntax.key(entry))).join(syntax.join)
  }
  const present = new Set(entries.map(syntax.key))
  const added = given.filter((entry) => {
    const key = syntax.key(entry)
    if (present.has(key)) return false
    present.add(key)
    return true
  })
  return [...entries, ...added].join(syntax.join)
}

/** The model whitelist `op` leaves of `current` (before the field rule normalises it). */
export const modelsAfter = (current: string, op: BulkListOp): string => applyListOp(current, op, MODEL_SYNTAX)

/** The IP whitelist `op` leaves of `current` (before the field rule normalises it). */
export const ipsAfter = (current: string, op: BulkListOp): string => applyListOp(current, op, IP_SYNTAX)
