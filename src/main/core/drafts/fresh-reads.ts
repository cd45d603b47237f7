import type { Token } from '@shared/domain/token'

// Rows of a list page read a moment ago, handed to the syncs of those tokens' drafts so each PUT needs no
// read of its own (a bulk job: one read per page of 100 instead of one per token). A row is taken once
// and only while it is young: the usage since the read is what its PUT refunds, so an old row is worth
// less than the request a fresh read costs.

/** How long a page's row may stand in for a fresh read. */
export const FRESH_READ_MS = 3_000

export class FreshReads {
  private readonly rows = new Map<string, Map<number, { token: Token; at: number }>>()

  constructor(private readonly now: () => number) {}

  /** Offers the page's rows of these tokens (a row offered again replaces the older one). */
  offer(profileId: string, tokens: readonly Token[]): void {
    const at = this.now()
    const kept = this.rows.get(profileId) ?? new Map<number, { token: Token; at: number }>()
    this.rows.set(profileId, kept)
    for (const token of tokens) kept.set(token.id, { token, at })
  }

  /** The token's row when one is young enough, taken (a row serves one write only). */
  take(profileId: string, tokenId: number): Token | null {
    const kept = this.rows.get(profileId)
    const row = kept?.get(tokenId)
    if (!kept || !row) return null
    kept.delete(tokenId)
    return this.now() - row.at <= FRESH_READ_MS ? row.token : null
  }

  /** Drops rows not taken in time (their drafts went another way, or not yet). */
  forget(profileId: string, tokenIds?: readonly number[]): void {
    if (!tokenIds) return void this.rows.delete(profileId)
    const kept = this.rows.get(profileId)
    for (const id of tokenIds) kept?.delete(id)
  }
}
