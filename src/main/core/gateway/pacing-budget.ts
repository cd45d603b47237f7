import type { Pacing } from '@shared/domain/profile'

// From a server's limit to the pace TokenDesk keeps. new-api's limiters (docs/newapi-behaviour.md §3) are
// sliding windows: a request is refused while N others were accepted in the last W seconds, counted
// when each request *arrives*. The pacer runs p-queue in strict (sliding-window) mode, which counts
// when each request *starts*, so two margins keep the two windows from ever disagreeing:
// - one request in twenty (at least one) is left unused: room for the user's browser on the same IP
//   and for a request the server counted that TokenDesk did not see finish;
// - the window is stretched by GUARD_MS: the spread between a request starting here and arriving
//   there (reading the keychain, opening a connection) can never squeeze N+1 arrivals into W.
// A long run so reaches (N − margin) / (W + guard) of the limit: 57 / 10.25 s = 0.93 of 60 per 10 s.

/** Profile pacing null: new-api's default global limit is 360 per 180 s (2/s); TokenDesk keeps the same
 * average over 10 s windows, so a burst (the pages of a list) can never spend the browser's share. */
export const DEFAULT_GLOBAL_BUDGET: Pacing = { requests: 20, windowSeconds: 10 }
/** Key reveal, login and token rotation share this bucket per IP: 20 per 20 minutes. */
export const DEFAULT_CRITICAL_BUDGET: Pacing = { requests: 20, windowSeconds: 1200 }
/** GET /api/token/search, per user: 10 per minute. */
export const DEFAULT_SEARCH_BUDGET: Pacing = { requests: 10, windowSeconds: 60 }

export const GUARD_MS = 250
const SPARE_SHARE = 0.05

export interface WindowLimits {
  /** Requests started in any sliding window. */
  intervalCap: number
  /** The window, milliseconds. */
  interval: number
}

export function windowLimits(budget: Pacing): WindowLimits {
  const spare = Math.max(1, Math.ceil(budget.requests * SPARE_SHARE))
  return {
    intervalCap: Math.max(1, budget.requests - spare),
    interval: Math.round(budget.windowSeconds * 1000) + GUARD_MS,
  }
}

export const sameBudget = (a: Pacing | null, b: Pacing | null): boolean =>
  a === b || (!!a && !!b && a.requests === b.requests && a.windowSeconds === b.windowSeconds)
