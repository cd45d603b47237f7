import type { DraftBase, DraftState, DraftView } from './draft'
import { applyQuotaIntent } from './quota-intent'
import type { Token } from './token'
import { NEW_TOKEN_FIELDS, TOKEN_STATUS } from './token-values'

// What the token table and the editor show for a token with unsynced drafts: the token as the drafts
// would leave it (in the order they were made), marked with the state that matters most. A token with
// a delete pending is marked as such; a create that has not reached the server yet is shown as a row of
// its own.

export interface OverlaidRow {
  token: Token
  /** The token's unsynced drafts, oldest first (empty: nothing pending). */
  drafts: DraftView[]
  /** The state to show: the one needing attention first, then syncing, pending, held. */
  state: DraftState | null
  deleting: boolean
  /** A create not yet on the server (its `token.id` is a negative placeholder). */
  creating: boolean
}

const STATE_WEIGHT: Record<DraftState, number> = { conflict: 5, failed: 4, syncing: 3, pending: 2, held: 1 }

export function strongestState(drafts: readonly DraftView[]): DraftState | null {
  let best: DraftState | null = null
  for (const draft of drafts) if (!best || STATE_WEIGHT[draft.state] > STATE_WEIGHT[best]) best = draft.state
  return best
}

/** The token with one draft's changes applied (quota intent applied to the shown quota). */
export function applyDraft<T extends Token | DraftBase>(
  token: T,
  draft: Pick<DraftView, 'changes' | 'quota' | 'wantStatus'>,
): T {
  return {
    ...token,
    ...draft.changes,
    remain_quota: applyQuotaIntent(token.remain_quota, draft.quota),
    status: draft.wantStatus ?? token.status,
  }
}

export function overlayToken(token: Token, drafts: readonly DraftView[]): OverlaidRow {
  return overlayOwn(
    token,
    drafts.filter((draft) => draft.tokenId === token.id),
  )
}

/** The row of a token with its own drafts (any order). */
function overlayOwn(token: Token, drafts: readonly DraftView[]): OverlaidRow {
  const own = [...drafts].sort((a, b) => a.seq - b.seq)
  let shown = token
  for (const draft of own) if (draft.kind === 'update') shown = applyDraft(shown, draft)
  return {
    token: shown,
    drafts: own,
    state: strongestState(own),
    deleting: own.some((draft) => draft.kind === 'delete'),
    creating: false,
  }
}

/** A create draft as a row: negative ids keep it apart from the server's tokens. */
export function createdRow(draft: DraftView): OverlaidRow {
  const token: Token = {
    id: -(draft.seq + 1),
    key: '',
    status: draft.wantStatus ?? TOKEN_STATUS.enabled,
    created_time: Math.floor(draft.createdAt / 1000),
    accessed_time: 0,
    used_quota: 0,
    ...NEW_TOKEN_FIELDS,
  }
  return {
    token: applyDraft(token, draft),
    drafts: [draft],
    state: draft.state,
    deleting: false,
    creating: true,
  }
}

// A token without drafts always gets the same row object: a table that is handed the same row skips
// drawing it again (a listing's next page or a change to one token leaves the other rows untouched).
const plainRows = new WeakMap<Token, OverlaidRow>()

function plainRow(token: Token): OverlaidRow {
  let row = plainRows.get(token)
  if (!row) {
    row = { token, drafts: [], state: null, deleting: false, creating: false }
    plainRows.set(token, row)
  }
  return row
}

/** Every row to show: pending creates first (newest first), then the server's tokens with drafts applied. */
export function overlayRows(tokens: readonly Token[], drafts: readonly DraftView[]): OverlaidRow[] {
  // Grouped once: a bulk change leaves hundreds of drafts, looked up for each of a thousand tokens.
  const byToken = new Map<number, DraftView[]>()
  const creates: DraftView[] = []
  for (const draft of drafts) {
    if (draft.kind === 'create') creates.push(draft)
    else if (draft.tokenId !== null) {
      const own = byToken.get(draft.tokenId)
      if (own) own.push(draft)
      else byToken.set(draft.tokenId, [draft])
    }
  }
  return [
    ...creates.sort((a, b) => b.seq - a.seq).map(createdRow),
    ...tokens.map((token) => {
      const own = byToken.get(token.id)
      return own ? overlayOwn(token, own) : plainRow(token)
    }),
  ]
}
