import type { DraftBase, FieldConflict, MergedField } from './draft'
import { MERGED_FIELDS } from './draft'
import { normalizeIpList } from './ip-list'
import { normalizeNameList } from './name-list'
import type { TokenChanges, TokenEditable } from './token'

// The three-way merge of a draft with the token as the server holds it now, field by field:
//   base = the token as the user saw it, mine = the draft's changes, theirs = the fresh token.
//   - untouched by me (or set back to base) → theirs (nothing to write: the body starts from the fresh token)
//   - touched by me, untouched by them   → mine
//   - both changed it to the same value  → nothing to write
//   - both changed it, to different values → a conflict for the user
// Quota and status are not merged here: they travel as intents (quota-intent.ts, wantStatus) applied to
// the fresh values; a "set to" over a quota changed by others is quota-conflict.ts's to catch. Values are
// compared the way the server would use them: lists normalised, null as ''.

export type FieldValue = string | number | boolean

export interface MergeOutcome {
  /** The fields to write over the fresh token (mine where mine wins). */
  write: TokenChanges
  conflicts: FieldConflict[]
}

function comparable(field: MergedField, value: unknown): FieldValue {
  // The server's Auto order is a list; TokenDesk keeps it comma-joined.
  const plain = Array.isArray(value) ? value.join(',') : (value ?? '')
  if (typeof plain !== 'string') return plain as FieldValue
  if (field === 'model_limits' || field === 'group' || field === 'auto_groups')
    return normalizeNameList(plain)
  if (field === 'allow_ips') return normalizeIpList(plain)
  return plain
}

export const sameFieldValue = (field: MergedField, a: unknown, b: unknown): boolean =>
  comparable(field, a) === comparable(field, b)

export function mergeDraft(
  base: Pick<DraftBase, MergedField>,
  mine: TokenChanges,
  theirs: Pick<TokenEditable, MergedField>,
): MergeOutcome {
  const write: Record<string, FieldValue> = {}
  const conflicts: FieldConflict[] = []
  for (const field of MERGED_FIELDS) {
    const wanted = mine[field]
    // A field set back to what the user saw is not a change of theirs to override.
    if (wanted === undefined || sameFieldValue(field, wanted, base[field])) continue
    if (sameFieldValue(field, theirs[field], wanted)) continue
    if (sameFieldValue(field, theirs[field], base[field])) write[field] = wanted
    else conflicts.push({ field, base: base[field], mine: wanted, theirs: theirs[field] ?? '' })
  }
  return { write: write as TokenChanges, conflicts }
}
