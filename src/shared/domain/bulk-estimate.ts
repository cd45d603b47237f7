import type { BulkDraft } from './bulk-result'
import type { Pacing } from './profile'

// How many requests a bulk change takes, and the least time the server's limit allows for them. The
// server counts requests per client IP in a sliding window and the whole allowance may go at once
// (docs of the pacer: gateway/pacing-budget.ts), so the k-th request (counting from 0) cannot leave
// before floor(k / N) windows have passed: R requests need floor((R − 1) / N) windows at least.
//
// What one token costs depends on how the job reads: today's sync reads every token just before its
// PUT (one read per update); a job that takes its reads from list pages pays about 1/100 read per token.
// So the costs are a parameter, and the default is the sync as it is.

export interface BulkRequestCosts {
  /** Reads per update that writes fields (the fresh read its PUT is built from). */
  read: number
  /** The full update (PUT). */
  write: number
  /** The status-only call that enables or disables. */
  status: number
  delete: number
}

/** Every update reads its token right before its PUT (drafts/sync-draft.ts). */
export const READ_BEFORE_EACH_WRITE: BulkRequestCosts = { read: 1, write: 1, status: 1, delete: 1 }

/** Requests one token's draft takes (0 for none); fractional when reads are shared between tokens. */
export function draftRequests(
  draft: BulkDraft | null,
  costs: BulkRequestCosts = READ_BEFORE_EACH_WRITE,
): number {
  if (draft === null) return 0
  if (draft.kind === 'delete') return costs.delete
  const writes = Object.keys(draft.changes).length > 0 || draft.quota !== null
  return (writes ? costs.read + costs.write : 0) + (draft.wantStatus !== null ? costs.status : 0)
}

/** A sum of per-token costs as whole requests (shared reads rounded up, float noise ignored). */
export const wholeRequests = (sum: number): number => Math.ceil(Math.round(sum * 1e6) / 1e6)

/** The least seconds `pace` allows for `requests`: a burst of N, then N more per window. */
export function leastSeconds(requests: number, pace: Pacing): number {
  if (requests <= 0) return 0
  return Math.floor((requests - 1) / pace.requests) * pace.windowSeconds
}

export interface RoundTrip {
  /** Seconds one request takes to be answered. */
  seconds: number
  /** Requests in flight at once. */
  inFlight: number
}

/**
 * The estimated seconds for `requests` at `pace`: the limit's least time, and when the round trip is
 * known, at least the time the requests take in flight (what dominates below one window's allowance).
 */
export function estimateSeconds(requests: number, pace: Pacing, roundTrip?: RoundTrip): number {
  const least = leastSeconds(requests, pace)
  if (!roundTrip || requests <= 0) return least
  const inFlight = Math.ceil(requests / Math.max(1, roundTrip.inFlight)) * roundTrip.seconds
  return Math.max(least + roundTrip.seconds, inFlight)
}
