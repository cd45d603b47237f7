import type { Draft, DraftBase } from '@shared/domain/draft'
import { quotaTotalOf } from '@shared/domain/quota-conflict'
import type { Token } from '@shared/domain/token'

// The quota sum a token's draft is measured against (quota-conflict.ts) when the token has earlier
// drafts in the outbox. A later draft is built on what the earlier ones will leave, and their writes move
// the sum (an amount set or added, the usage a write hands back): so once an earlier draft has been sent,
// the later ones take the sum its writes left. Only changes made by others then move the sum between a
// draft's base and its sync.

/** The token's later drafts, measured from `baseline` now that `sent` reached the server. */
export function laterDraftsRebased(drafts: readonly Draft[], sent: Draft, baseline: number | null): Draft[] {
  if (baseline === null || sent.tokenId === null) return []
  return drafts.flatMap((d) =>
    d.id !== sent.id && d.kind === 'update' && d.tokenId === sent.tokenId && d.seq > sent.seq && d.base
      ? [{ ...d, base: { ...d.base, quota_total: baseline } }]
      : [],
  )
}

/**
 * The sum a sent draft leaves for the token's later drafts: its own, moved by what its writes changed
 * (`read`: the token as read before the first write; null when nothing was written). Usage keeps the
 * sum, and a status-only call rewrites the row it read. null for a base kept before sums.
 */
export function baselineAfter(base: DraftBase, read: Token | null, final: Token | null): number | null {
  if (base.quota_total === undefined) return null
  return base.quota_total + (read && final ? quotaTotalOf(final) - quotaTotalOf(read) : 0)
}
