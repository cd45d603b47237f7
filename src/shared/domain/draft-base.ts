import type { DraftBase } from './draft'
import type { Token } from './token'
import { editableOf } from './token-values'

// Apart from draft.ts (which draft.ts re-exports), so the token table can start an edit without the
// draft schemas, and with them zod, in the first screen.

/** A token as a draft's base: what the user sees of it. */
export function draftBaseOf(token: Token): DraftBase {
  return { id: token.id, status: token.status, ...editableOf(token) }
}
