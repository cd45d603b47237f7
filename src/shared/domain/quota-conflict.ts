import type { DraftBase, QuotaConflict } from './draft'
import type { QuotaIntent } from './quota-intent-schema'

// A "set to" amount is written as it is: usage since the edit began does not matter to it. A change of
// the quota made on the server meanwhile (a top-up, a refill by another tool) does: writing over it would
// silently undo it. The two are told apart by the sum remain_quota + used_quota, which usage leaves as
// it is (it moves quota from one to the other) and a write of the quota changes. TokenDesk's own earlier
// writes of the token move the base's sum along with them (sync-engine.ts), so only others' changes show.

interface QuotaRow {
  remain_quota: number
  used_quota: number
}

export const quotaTotalOf = (row: QuotaRow): number => row.remain_quota + row.used_quota

/** The conflict a draft's quota intent has with the token as the server now holds it; null: none. */
export function quotaConflictOf(
  base: Pick<DraftBase, 'remain_quota' | 'quota_total'>,
  intent: QuotaIntent | null,
  fresh: QuotaRow,
): QuotaConflict | null {
  // An amount added goes on top of the server's anyway; a base without its sum cannot tell.
  if (intent?.mode !== 'set' || base.quota_total === undefined) return null
  const moved = quotaTotalOf(fresh) - base.quota_total
  if (moved === 0 || fresh.remain_quota === intent.value) return null
  return { base: base.remain_quota, mine: intent.value, theirs: fresh.remain_quota, moved }
}

/** "Mine and theirs": the amount the user set, with the server's own change on top (never below 0). */
export const bothAmounts = (conflict: QuotaConflict): number => Math.max(0, conflict.mine + conflict.moved)
