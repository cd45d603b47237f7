import type { Pacing } from '@shared/domain/profile'
import type { RequestOptions } from './request-options'
import { DEFAULT_CRITICAL_BUDGET, DEFAULT_SEARCH_BUDGET, MAX_RETRY_AFTER_MS } from './pacing-budget'

// What a server's pacer (pacer.ts) is set to: its budgets, how it repeats reads, how long calls may wait.

export type Bucket = NonNullable<RequestOptions['bucket']>

export interface RetrySettings {
  /** Repeats after the first attempt. */
  retries: number
  /** First backoff; each next one doubles, times a random 1–2 (jitter), capped at maxTimeoutMs. */
  minTimeoutMs: number
  maxTimeoutMs: number
}

export interface PacerSettings {
  /** The server's global limit (profile.pacing); null = new-api's default, see pacing-budget.ts. */
  global: Pacing | null
  critical: Pacing
  search: Pacing
  retry: RetrySettings
  /**
   * Per lane, the longest pause after a 429 that a call waits out by itself; a longer one fails the call
   * with `rate-limited` at once, saying when to retry. Search waits for nothing: its caller answers from
   * the loaded tokens instead.
   */
  maxPauseWaitMs: Record<Bucket, number>
  /** The longest a critical or search call waits for its own budget before failing `rate-limited`. */
  maxQueueWaitMs: Record<Exclude<Bucket, 'global'>, number>
  /** The longest Retry-After honoured (a longer one is cut to this). */
  maxRetryAfterMs: number
  /** Requests (or pairs) in flight at once on the global lane. */
  concurrency: number
}

/** What a caller may override; everything else keeps DEFAULT_PACER_SETTINGS. */
export interface PacerOptions {
  global?: Pacing | null
  critical?: Pacing
  search?: Pacing
  retry?: Partial<RetrySettings>
  maxPauseWaitMs?: Partial<PacerSettings['maxPauseWaitMs']>
  maxQueueWaitMs?: Partial<PacerSettings['maxQueueWaitMs']>
  maxRetryAfterMs?: number
  concurrency?: number
}

export const DEFAULT_PACER_SETTINGS: PacerSettings = {
  global: null,
  critical: DEFAULT_CRITICAL_BUDGET,
  search: DEFAULT_SEARCH_BUDGET,
  retry: { retries: 3, minTimeoutMs: 500, maxTimeoutMs: 8_000 },
  maxPauseWaitMs: { global: 60_000, critical: 60_000, search: 0 },
  // A reveal may wait a little for the previous one; a search never waits long for budget it lacks.
  maxQueueWaitMs: { critical: 30_000, search: 2_000 },
  maxRetryAfterMs: MAX_RETRY_AFTER_MS,
  concurrency: 4,
}
