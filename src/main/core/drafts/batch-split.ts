import { batchNames } from '@shared/domain/batch-names'
import type { Draft } from '@shared/domain/draft'
import type { FieldRules } from '@shared/domain/token-fields'
import type { FieldIssue } from '@shared/result'
import { checkDraft, freshDraft, revised, upsert } from './draft-records'
import type { OutboxDoc } from './outbox'

// A create kept for later may stand for several tokens ("Quantity 5", then "Save as draft"). It stays one
// draft while it is held, so the user edits and reopens it as the one form they typed. When it is queued
// it becomes one create per token, each sent, retried and recorded on its own like any create (a batch
// that stops halfway leaves the rest in the outbox, not lost). The numbers are given then: they continue
// after the names the server holds and the names the outbox's other creates will give, so a second batch
// of "bot" made offline is "bot-4".."bot-6", not a second "bot-1".

/** Names a new batch must not repeat: the server's (as last listed) and those of the outbox's creates. */
function namesInUse(doc: OutboxDoc, draft: Draft, serverNames: readonly string[]): string[] {
  const pending = doc.drafts
    .filter((d) => d.kind === 'create' && d.id !== draft.id)
    .map((d) => (typeof d.changes.name === 'string' ? d.changes.name : ''))
  return [...serverNames, ...pending]
}

/** `draft` standing for `quantity` tokens (one: no quantity kept). */
export function withQuantity(draft: Draft, quantity: number): Draft {
  const { quantity: _former, ...single } = draft
  return quantity > 1 ? { ...single, quantity } : single
}

export type SplitOutcome =
  { ok: true; next: OutboxDoc; upserted: Draft[]; extraIds: string[] } | { ok: false; issues: FieldIssue[] }

/**
 * Queues `draft` (already in `doc`) as what the server will make: checked, and — for several tokens —
 * split into the draft itself with the first numbered name and a new create for each other name, queued
 * behind it. Refused (nothing changed) when one of them breaks a rule, e.g. a numbered name too long.
 */
export function queueBatch(
  doc: OutboxDoc,
  draft: Draft,
  serverNames: readonly string[],
  rules: FieldRules,
  now: number,
): SplitOutcome {
  const name = typeof draft.changes.name === 'string' ? draft.changes.name : ''
  const names = batchNames(name, draft.quantity ?? 1, namesInUse(doc, draft, serverNames))
  const checked = names.map((each) =>
    checkDraft({ ...draft, changes: { ...draft.changes, name: each } }, rules),
  )
  const refusal = checked.find((result) => !result.ok)
  if (refusal && !refusal.ok) return { ok: false, issues: refusal.issues }
  const [first, ...others] = checked.map((result) => (result.ok ? result.edit : draft))
  const queued = revised(withQuantity(draft, 1), { ...first, state: 'pending' }, now)
  let next = upsert(doc, queued, false)
  const upserted = [queued]
  for (const edit of others) {
    const parts = {
      kind: 'create' as const,
      tokenId: null,
      base: null,
      wantStatus: null,
      state: 'pending' as const,
    }
    const extra = freshDraft(next, draft.profileId, { ...parts, ...edit }, now)
    next = upsert(next, extra, true)
    upserted.push(extra)
  }
  return { ok: true, next, upserted, extraIds: upserted.slice(1).map((d) => d.id) }
}
