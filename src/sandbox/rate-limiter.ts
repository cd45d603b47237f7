// new-api's in-memory limiter (docs/newapi-behaviour.md §3): per key, the times of the last `requests`
// accepted calls. A call is accepted when fewer than `requests` were accepted within the window;
// refused calls are not recorded, so a client that keeps hammering is let in again once the oldest
// accepted call leaves the window. Time comes from a clock function so tests need no fake timers.

export interface RateLimit {
  requests: number
  /** May be fractional (e.g. 0.5) so tests stay fast; Retry-After is rounded up to whole seconds. */
  windowSeconds: number
}

/** `false` turns a limiter off. */
export interface RateLimitOptions {
  /** Every matched /api route, per client IP. Default: the mode's (360 / 180 s, legacy 180 / 180 s). */
  global?: RateLimit | false
  /** Key reveal routes, per client IP, one shared bucket. Default 20 / 1200 s. */
  critical?: RateLimit | false
  /** GET /api/token/search, per user. Default 10 / 60 s (modes with a search limiter only). */
  search?: RateLimit | false
}

export type LimiterName = 'global' | 'critical' | 'search'

export const DEFAULT_CRITICAL_LIMIT: RateLimit = { requests: 20, windowSeconds: 1200 }
export const DEFAULT_SEARCH_LIMIT: RateLimit = { requests: 10, windowSeconds: 60 }

export class RateLimiter {
  private readonly log = new Map<string, number[]>()

  constructor(
    private readonly limit: RateLimit | false,
    private readonly now: () => number = Date.now,
  ) {}

  /** null when the call may proceed, else the seconds until it would be accepted (at least 1). */
  take(key: string): number | null {
    if (this.limit === false) return null
    const windowMs = this.limit.windowSeconds * 1000
    const at = this.now()
    const accepted = (this.log.get(key) ?? []).filter((time) => at - time < windowMs)
    if (accepted.length < this.limit.requests) {
      accepted.push(at)
      this.log.set(key, accepted)
      return null
    }
    this.log.set(key, accepted)
    const oldest = accepted[0] ?? at
    return Math.max(1, Math.ceil((oldest + windowMs - at) / 1000))
  }
}

export type RateLimiters = Record<LimiterName, RateLimiter>

/** What a server generation brings to its limiters (a slice of ModeFeatures, kept apart to avoid a cycle). */
export interface LimiterDefaults {
  globalRateLimit: RateLimit
  searchRateLimit: boolean
}

export function createRateLimiters(options: RateLimitOptions, features: LimiterDefaults): RateLimiters {
  const pick = (given: RateLimit | false | undefined, fallback: RateLimit | false) =>
    new RateLimiter(given === undefined ? fallback : given)
  return {
    global: pick(options.global, features.globalRateLimit),
    critical: pick(options.critical, DEFAULT_CRITICAL_LIMIT),
    search: pick(options.search, features.searchRateLimit ? DEFAULT_SEARCH_LIMIT : false),
  }
}
