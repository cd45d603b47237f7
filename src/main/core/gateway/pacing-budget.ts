import { DEFAULT_PACING, type Pacing } from '@shared/domain/profile'
import type { WindowLimit } from './sliding-window'

// From a server's limit to the window TokenDesk keeps to (docs/newapi-behaviour.md §3). new-api counts
// requests per client IP in a sliding window — 360 per 180 s by default, 180 per 180 s before 2026-06-10 —
// so the model is that window itself: the whole allowance may go at once, and nothing more until the
// oldest send leaves. Two margins:
// - a reserve of 2% (at least one request) is left for the user's own browser on the same IP, which
//   spends the same budget — except that the write of a read admitted with it may reach into the reserve
//   (never beyond the server's limit): with only pairs waiting, an odd cap would otherwise waste a slot
//   in every window (measured: 1.23× the least time for 200 drafts at 60 per 10 s, 1.04× with this);
// - the window is stretched by GUARD_MS: the server counts arrivals, the model counts sends, and the
//   spread between the two (a connection being opened) must never squeeze one more into the server's
//   window.
// A lower limit learned from a 429 (the server refused after fewer than the model allowed) replaces the
// configured one for as long as this client lives.

/** new-api's default global limit (since 2026-06-10). */
export const DEFAULT_GLOBAL_LIMIT: Pacing = DEFAULT_PACING
/** Key reveal, login and token rotation share this bucket per IP: 20 per 20 minutes. */
export const DEFAULT_CRITICAL_BUDGET: Pacing = { requests: 20, windowSeconds: 1200 }
/** GET /api/token/search, per user: 10 per minute. */
export const DEFAULT_SEARCH_BUDGET: Pacing = { requests: 10, windowSeconds: 60 }

export const GUARD_MS = 250
/** The longest Retry-After taken at its word: proxies in front of a gateway send absurd values. */
export const MAX_RETRY_AFTER_MS = 15 * 60_000
const RESERVE_SHARE = 0.02

/** The requests left for the user's browser out of a server limit of `requests`. */
const reserveOf = (requests: number): number => Math.max(1, Math.floor(requests * RESERVE_SHARE))

/**
 * The window TokenDesk keeps to under a server limit, optionally lowered to what a 429 showed the server
 * really admits (`learnedRequests`).
 */
export function windowLimit(server: Pacing, learnedRequests: number | null = null): WindowLimit {
  const limit = Math.min(server.requests, learnedRequests ?? Infinity)
  return {
    requests: Math.max(1, limit - reserveOf(limit)),
    windowMs: Math.round(server.windowSeconds * 1000) + GUARD_MS,
    ceiling: limit,
  }
}

export const sameBudget = (a: Pacing | null, b: Pacing | null): boolean =>
  a === b || (!!a && !!b && a.requests === b.requests && a.windowSeconds === b.windowSeconds)
