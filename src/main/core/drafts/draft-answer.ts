import type { SaveOutcome } from '@shared/contract/draft-contract'
import type { Draft } from '@shared/domain/draft'
import type { ProfileStore } from '../profiles/profile-store'
import type { Outbox } from './outbox'
import type { SyncEngine } from './sync-engine'

// What the draft service answers once a draft is kept: kept, queued, waiting for review, or — for "Save"
// — what sending it did, waiting a while at most. For a production server only the user's push from the
// outbox (`pushed`) sends: anything else waits there for review.

/** How long "Save" waits for the server before answering "syncing" (the draft keeps going). */
const SAVE_NOW_WAIT_MS = 15_000
/**
 * "Save" answers "syncing" at once when the server's pacer holds requests for longer than this: the
 * draft would only sit behind them, and the header says how long.
 */
const HELD_ANSWER_MS = 2_000
const HELD_LOOK_MS = 250

export interface AnswerDeps {
  outbox: Outbox
  engine: SyncEngine
  profiles: ProfileStore
  now: () => number
  heldUntil?: (profileId: string) => number | null
}

/** Resolves once the server's pacer holds requests for longer than HELD_ANSWER_MS; `stop` ends the look. */
function heldLong(deps: AnswerDeps, profileId: string): { held: Promise<'slow'>; stop: () => void } {
  let timer: ReturnType<typeof setInterval> | undefined
  const held = new Promise<'slow'>((resolve) => {
    const look = () => {
      const until = deps.heldUntil?.(profileId) ?? null
      if (until !== null && until - deps.now() > HELD_ANSWER_MS) resolve('slow')
    }
    timer = setInterval(look, HELD_LOOK_MS)
    look()
  })
  return { held, stop: () => clearInterval(timer) }
}

export async function answerSave(
  deps: AnswerDeps,
  draft: Draft | null,
  mode: 'hold' | 'queue' | 'now',
  pushed = false,
): Promise<SaveOutcome> {
  if (!draft) return { outcome: 'nothing', draft: null, record: null }
  const { outbox, engine } = deps
  if (draft.state === 'held') return { outcome: 'held', draft: outbox.view(draft), record: null }
  if (!pushed && deps.profiles.require(draft.profileId).production) {
    // What was pushed before this change is not what waits now: it needs a push of its own.
    engine.unrequest(draft.profileId, [draft.id])
    return { outcome: 'review', draft: outbox.view(draft), record: null }
  }
  if (mode !== 'now') {
    engine.kick(draft.profileId)
    return { outcome: 'queued', draft: outbox.view(draft), record: null }
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  const held = heldLong(deps, draft.profileId)
  const sent = await Promise.race([
    engine.sendNow(draft.profileId, draft.id),
    new Promise<'slow'>((resolve) => (timer = setTimeout(resolve, SAVE_NOW_WAIT_MS, 'slow'))),
    held.held,
  ]).finally(() => {
    clearTimeout(timer)
    held.stop()
  })
  const doc = await outbox.doc(draft.profileId)
  const left = doc.drafts.find((d) => d.id === draft.id)
  if (!left) {
    const record = [...doc.history].reverse().find((r) => r.draftId === draft.id) ?? null
    return { outcome: 'synced', draft: null, record }
  }
  const view = outbox.view(left)
  if (sent === 'slow' || view.state === 'syncing') return { outcome: 'syncing', draft: view, record: null }
  const outcome = view.state === 'pending' ? 'queued' : view.state
  return { outcome, draft: view, record: null }
}

/**
 * The rest of a batch split from `draft` (batch-split.ts) goes with it when the user sends it ("Save",
 * "Send"); queued otherwise, as the first is. A production server's batch waits for the user's push as
 * a whole.
 */
export function sendAlong(
  deps: AnswerDeps,
  draft: Draft | null,
  extraIds: string[],
  mode: 'hold' | 'queue' | 'now',
  pushed = false,
): void {
  if (!draft || extraIds.length === 0 || mode !== 'now') return
  if (!pushed && deps.profiles.require(draft.profileId).production) return
  deps.engine.request(draft.profileId, extraIds)
}
