import { strongestState, type OverlaidRow } from '@shared/domain/draft-overlay'
import type { DraftState, DraftView } from '@shared/domain/draft'

// A running bulk job keeps its drafts held and lets them go page by page, by itself. Marked as held
// they read "Draft" — which everywhere else means "kept, not sent until you say so" — while they were
// on their way. The mark of a held draft of a running job says pending; a paused job's stay held. Only
// the mark: the drafts themselves (what the editor and the Outbox's buttons act on) are as main has them.

/** The state a draft's mark shows, given the ids of the bulk jobs running. */
export function shownState(draft: DraftView, running: ReadonlySet<string>): DraftState {
  const released = draft.bulkJobId !== undefined && running.has(draft.bulkJobId)
  return draft.state === 'held' && released ? 'pending' : draft.state
}

/** Rows whose mark changes so; the others are kept as they are (the same objects). */
export function withShownStates(rows: readonly OverlaidRow[], running: ReadonlySet<string>): OverlaidRow[] {
  if (running.size === 0) return [...rows]
  return rows.map((row) => {
    if (!row.drafts.some((draft) => shownState(draft, running) !== draft.state)) return row
    const shown = row.drafts.map((draft) => ({ ...draft, state: shownState(draft, running) }))
    return { ...row, state: strongestState(shown) }
  })
}
