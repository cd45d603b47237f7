import type { Draft } from '@shared/domain/draft'

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
