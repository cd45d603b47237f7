import type { FieldIssue } from '../result'
import { applyBulkChange } from './bulk-apply'
import type { BulkChange } from './bulk-change'
import {
  draftRequests,
  estimateSeconds,
  READ_BEFORE_EACH_WRITE,
  wholeRequests,
  type BulkRequestCosts,
  type RoundTrip,
} from './bulk-estimate'
import type { BulkDraft, BulkFieldChange } from './bulk-result'
import { bulkWarnings, type BulkWarningContext } from './bulk-warnings'
import type { DraftBase } from './draft'
import type { Pacing } from './profile'

// The preview of a bulk change before anything is sent: every token of the selection with what would
// happen to it, what the user should know, and what it costs — the number of requests and the least
// time the server's limit allows for them.

export type BulkRowState =
  /** An update to queue. */
  | 'change'
  | 'delete'
  /** Nothing to send: every ticked operation leaves this token as it is. */
  | 'unchanged'
  /** The rules refuse what the change would make of this token: it is left out. */
  | 'invalid'

export interface BulkPreviewRow {
  tokenId: number
  name: string
  /** 1-based position in the selection order (`{n}`). */
  position: number
  state: BulkRowState
  diff: BulkFieldChange[]
  errors: FieldIssue[]
  warnings: FieldIssue[]
  /** What to queue for this token (null unless state is change or delete). */
  draft: BulkDraft | null
  requests: number
}

export interface BulkPreviewOptions extends BulkWarningContext {
  /** The server's limit the pacer keeps to (profile.pacing, or new-api's default of 360 per 180 s). */
  pace: Pacing
  /** Requests per kind of call; default: a read before every update, as the sync does. */
  costs?: BulkRequestCosts
  /** When known, the time one request takes and how many go at once (for selections below one window). */
  roundTrip?: RoundTrip
}

export interface BulkPreview {
  /** One per token, in the selection order. */
  rows: BulkPreviewRow[]
  counts: Record<BulkRowState, number> & { warned: number }
  /** Whole requests the change takes. */
  requests: number
  /** The estimated time for them at the server's pace, in seconds. */
  estimatedSeconds: number
}

function stateOf(draft: BulkDraft | null, errors: readonly FieldIssue[]): BulkRowState {
  if (errors.length > 0) return 'invalid'
  if (draft === null) return 'unchanged'
  return draft.kind === 'delete' ? 'delete' : 'change'
}

/** Tokens given the same new name by a rename, warned on each: the server allows it, usage logs do not. */
function markRepeatedNames(rows: BulkPreviewRow[]): void {
  const byName = new Map<string, BulkPreviewRow[]>()
  for (const row of rows) {
    const renamed = row.diff.find((change) => change.field === 'name')
    if (!renamed || row.state === 'invalid') continue
    const name = String(renamed.after)
    byName.set(name, [...(byName.get(name) ?? []), row])
  }
  for (const [name, same] of byName)
    if (same.length > 1)
      for (const row of same)
        row.warnings.push({ path: 'name', key: 'bulk.nameRepeated', params: { name, count: same.length } })
}

/** The preview of `change` over `tokens` (drafts' bases: the tokens as the user sees them), in order. */
export function previewBulkChange(
  tokens: readonly DraftBase[],
  change: BulkChange,
  options: BulkPreviewOptions,
): BulkPreview {
  const costs = options.costs ?? READ_BEFORE_EACH_WRITE
  const rows = tokens.map((token, index): BulkPreviewRow => {
    const position = index + 1
    const result = applyBulkChange(token, change, { ...options, position })
    const warnings = change.kind === 'edit' ? bulkWarnings(token, change, result, options) : []
    return {
      tokenId: token.id,
      name: token.name,
      position,
      state: stateOf(result.draft, result.errors),
      diff: result.diff,
      errors: result.errors,
      warnings,
      draft: result.draft,
      requests: draftRequests(result.draft, costs),
    }
  })
  markRepeatedNames(rows)
  const counts = { change: 0, delete: 0, unchanged: 0, invalid: 0, warned: 0 }
  for (const row of rows) {
    counts[row.state] += 1
    if (row.warnings.length > 0) counts.warned += 1
  }
  const requests = wholeRequests(rows.reduce((sum, row) => sum + row.requests, 0))
  return {
    rows,
    counts,
    requests,
    estimatedSeconds: estimateSeconds(requests, options.pace, options.roundTrip),
  }
}
