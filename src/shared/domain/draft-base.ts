import type { DraftBase } from './draft'
import { quotaTotalOf } from './quota-conflict'
import type { Token } from './token'
import { editableOf } from './token-values'

// Apart from draft.ts (which draft.ts re-exports), so the token table can start an edit without the
// draft schemas, and with them zod, in the first screen.

/** A token as a draft's base: what the user sees of it, and its quota sum (see quota-conflict.ts). */
export function draftBaseOf(token: Token): DraftBase {
  return { id: token.id, status: token.status, ...editableOf(token), quota_total: quotaTotalOf(token) }
}
