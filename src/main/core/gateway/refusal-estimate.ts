import type { Pacing } from '@shared/domain/profile'

// What a 429 says of the server's own limit, to offer the user as the server's rate limit. TokenDesk
// knows when it sent each request still in its window; new-api's limiter is a sliding log (or a fixed
// window, which a client keeping to the sliding one also satisfies), and its Retry-After says when the
// oldest request it counted leaves its window. So with the refusal at T and Retry-After r, a window of w
// and a limit of k fit the sends when the k-th newest went out at T + r − w and the one before it had
// already left the window then. Several may fit (30 per 60 s, and 40 per 160 s when ten more went out
// just before those 60 s): the one with the shortest window is taken — a burst is what a limiter refuses
// first, and a wrong guess is corrected by the next refusal, offered again. The window is rounded up to
// whole seconds (Retry-After is whole seconds too, so it errs on the slow side).
// Without Retry-After, or when nothing fits (someone else's traffic counts too), the requests in
// TokenDesk's own window are the answer: slower than needed when the server's window is shorter, never
// faster than what the server allowed.

/** Retry-After is whole seconds: the oldest send may have left up to this much earlier than it says. */
const ROUNDING_MS = 1_000

export interface RefusalFacts {
  /** Send times (unix ms, oldest first) of the requests admitted before the refused one, in the window. */
  before: readonly number[]
  /** When the refused request went out. */
  refusedAt: number
  /** The server's Retry-After in ms; null when it sent none. */
  retryAfterMs: number | null
  /** TokenDesk's own window for the server. */
  windowMs: number
}

export function estimateServerLimit({ before, refusedAt, retryAfterMs, windowMs }: RefusalFacts): Pacing {
  const fallback = { requests: before.length, windowSeconds: Math.round(windowMs / 1000) }
  if (retryAfterMs === null || retryAfterMs <= 0 || before.length === 0) return fallback
  const n = before.length
  for (let k = 1; k <= n; k += 1) {
    const oldest = before[n - k]!
    const window = refusedAt + retryAfterMs - oldest
    if (window <= 0 || window > windowMs + ROUNDING_MS) continue
    const previous = before[n - k - 1]
    if (previous !== undefined && previous > refusedAt - window + ROUNDING_MS) continue
    return { requests: k, windowSeconds: Math.min(Math.ceil(window / 1000), fallback.windowSeconds) }
  }
  return fallback
}
