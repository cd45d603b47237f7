import PQueue from 'p-queue'
import pRetry, { AbortError } from 'p-retry'
import type { Pacing } from '@shared/domain/profile'
import { AppError } from '@shared/result'
import type { RequestOptions } from './http-client'
import {
  DEFAULT_CRITICAL_BUDGET,
  DEFAULT_GLOBAL_BUDGET,
  DEFAULT_SEARCH_BUDGET,
  sameBudget,
  windowLimits,
} from './pacing-budget'
import { carriesReadValues, shouldRetry } from './retry-policy'

// One pacer per server (one per GatewayHttpClient): every attempt of every request passes it.
//
// Lanes. `global` is a p-queue in strict sliding-window mode under the server's global limit, at most
// GLOBAL_CONCURRENCY requests in flight. `critical` (key reveal) and `search` are lanes of their own
// with concurrency 1 whose task is "take a place in the global lane": a bucket request spends both
// budgets, and waiting for a scarce bucket never holds a global slot. Concurrency 1 is what makes the
// nesting safe: a bucket lane stamps a request when it *enters* the global lane, possibly earlier than
// it is sent; but the next one cannot enter before that send, so for any two requests N apart the sends
// are at least the stamped window apart — the server never sees N+1 in its window. Bucket requests go
// to the front of the global lane, so their stamps stay close to their sends.
//
// Refusals. A 429 pauses the lane the request came through: for Retry-After seconds when the server
// says (new-api since 2026-07-21), else for a backoff that doubles with each consecutive 429 (with
// jitter, reset by any success). Nothing in that lane starts meanwhile, so TokenDesk never hammers.
// A wait longer than the user should sit through (maxPauseWaitMs; maxQueueWaitMs for a call queued
// behind a spent bucket) is not waited out: the call fails at once with `rate-limited` and the time to
// retry — the search falls back to filtering loaded tokens, the UI says when to try again.
//
// Retries: p-retry repeats an attempt (through the lanes again, so retries are paced too) with
// exponential backoff and jitter, for the failures and requests retry-policy.ts allows. A full-replace
// PUT is never repeated here, and does not wait out a long pause either (READ_VALUES_MAX_WAIT_MS): its
// body holds a quota read just before, which every second of waiting makes staler. It fails
// `rate-limited` instead, and its caller reads again and rebuilds the body once the pause is over.

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
   * Per lane, the longest pause after a 429 (Retry-After, or the backoff without it) that a call waits
   * out by itself; a longer one fails the call with `rate-limited` at once, saying when to retry.
   * Search waits for nothing: its caller answers from the loaded tokens instead, at once.
   */
  maxPauseWaitMs: Record<Bucket, number>
  /** The longest a critical or search call waits for its own budget before failing `rate-limited`. */
  maxQueueWaitMs: Record<Exclude<Bucket, 'global'>, number>
}

/** What a caller may override; everything else keeps DEFAULT_PACER_SETTINGS. */
export interface PacerOptions {
  global?: Pacing | null
  critical?: Pacing
  search?: Pacing
  retry?: Partial<RetrySettings>
  maxPauseWaitMs?: Partial<PacerSettings['maxPauseWaitMs']>
  maxQueueWaitMs?: Partial<PacerSettings['maxQueueWaitMs']>
}

export const GLOBAL_CONCURRENCY = 3

export const DEFAULT_PACER_SETTINGS: PacerSettings = {
  global: null,
  critical: DEFAULT_CRITICAL_BUDGET,
  search: DEFAULT_SEARCH_BUDGET,
  retry: { retries: 3, minTimeoutMs: 500, maxTimeoutMs: 8_000 },
  maxPauseWaitMs: { global: 60_000, critical: 60_000, search: 0 },
  // A reveal may wait a little for the previous one; a search never waits long for budget it lacks.
  maxQueueWaitMs: { critical: 30_000, search: 2_000 },
}

/** Pause after the n-th consecutive 429 without Retry-After: 1 s, 2 s, 4 s … up to 30 s, jittered. */
const PAUSE_BASE_MS = 1_000
const PAUSE_MAX_MS = 30_000

/** The longest pause a full-replace PUT (its body read just before) waits out before it is sent. */
export const READ_VALUES_MAX_WAIT_MS = 2_000

interface Lane {
  queue: PQueue
  pausedUntil: number
  timer: ReturnType<typeof setTimeout> | undefined
  /** Consecutive 429 answers without Retry-After; grows the pause. */
  strikes: number
}

function newQueue(budget: Pacing, concurrency: number): PQueue {
  return new PQueue({ concurrency, strict: true, ...windowLimits(budget) })
}

function lane(queue: PQueue): Lane {
  return { queue, pausedUntil: 0, timer: undefined, strikes: 0 }
}

/** Thrown instead of waiting too long; p-retry's AbortError stops it from being retried. */
function heldBack(waitMs: number | null, why: string): AbortError {
  const details = waitMs === null ? undefined : { retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) }
  return new AbortError(new AppError('rate-limited', why, details))
}

export class Pacer {
  private readonly settings: PacerSettings
  private readonly lanes: Record<Bucket, Lane>

  constructor(
    options: PacerOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    const defaults = DEFAULT_PACER_SETTINGS
    this.settings = {
      global: options.global ?? null,
      critical: options.critical ?? defaults.critical,
      search: options.search ?? defaults.search,
      retry: { ...defaults.retry, ...options.retry },
      maxPauseWaitMs: { ...defaults.maxPauseWaitMs, ...options.maxPauseWaitMs },
      maxQueueWaitMs: { ...defaults.maxQueueWaitMs, ...options.maxQueueWaitMs },
    }
    this.lanes = {
      global: lane(newQueue(this.settings.global ?? DEFAULT_GLOBAL_BUDGET, GLOBAL_CONCURRENCY)),
      critical: lane(newQueue(this.settings.critical, 1)),
      search: lane(newQueue(this.settings.search, 1)),
    }
  }

  /**
   * A changed profile budget. The new window starts empty, so requests already queued under the old one
   * finish there; the few that overlap are covered by the margins of pacing-budget.ts.
   */
  usePacing(global: Pacing | null): void {
    if (sameBudget(global, this.settings.global)) return
    this.settings.global = global
    const old = this.lanes.global
    const queue = newQueue(global ?? DEFAULT_GLOBAL_BUDGET, GLOBAL_CONCURRENCY)
    const next = lane(queue)
    if (old.pausedUntil > this.now()) this.pause(next, old.pausedUntil - this.now())
    this.lanes.global = next
  }

  /** Runs `attempt` through the lanes, repeating it as retry-policy.ts allows. */
  run<T>(
    request: Pick<RequestOptions, 'method' | 'query' | 'bucket'>,
    attempt: () => Promise<T>,
  ): Promise<T> {
    const bucket = request.bucket ?? 'global'
    const { retry } = this.settings
    const laneWaitMs = this.settings.maxPauseWaitMs[bucket]
    const maxWaitMs = carriesReadValues(request) ? Math.min(laneWaitMs, READ_VALUES_MAX_WAIT_MS) : laneWaitMs
    return pRetry(
      async () => {
        try {
          const value = await this.schedule(bucket, maxWaitMs, attempt)
          this.lanes[bucket].strikes = 0
          return value
        } catch (error) {
          this.onRefusal(bucket, error)
          throw error
        }
      },
      {
        retries: retry.retries,
        factor: 2,
        minTimeout: retry.minTimeoutMs,
        maxTimeout: retry.maxTimeoutMs,
        randomize: true,
        shouldRetry: ({ error, retriesConsumed }) => shouldRetry(error, request, retriesConsumed, maxWaitMs),
        unref: true,
      },
    )
  }

  private schedule<T>(bucket: Bucket, maxWaitMs: number, attempt: () => Promise<T>): Promise<T> {
    const global = this.lanes.global
    this.refuseLongPause(global, maxWaitMs)
    if (bucket === 'global') return global.queue.add(attempt)
    const own = this.lanes[bucket]
    this.refuseLongPause(own, maxWaitMs)
    // The bucket wait is bounded; the abort can only fire while queued (the timer is cleared on start).
    const controller = new AbortController()
    const timer = setTimeout(
      () =>
        controller.abort(
          heldBack(null, `TokenDesk is holding back to stay within the server's ${bucket} limit.`),
        ),
      this.settings.maxQueueWaitMs[bucket],
    )
    timer.unref?.()
    return own.queue
      .add(
        () => {
          clearTimeout(timer)
          return global.queue.add(attempt, { priority: 1 })
        },
        { signal: controller.signal },
      )
      .finally(() => clearTimeout(timer))
  }

  private refuseLongPause(target: Lane, maxWaitMs: number): void {
    const remaining = target.pausedUntil - this.now()
    if (remaining > maxWaitMs) {
      throw heldBack(remaining, 'The server asked TokenDesk to wait before sending more requests.')
    }
  }

  /** A 429 pauses the lane the request came through; see the header. */
  private onRefusal(bucket: Bucket, error: unknown): void {
    if (!(error instanceof AppError) || error.code !== 'rate-limited' || error.details?.httpStatus !== 429) {
      return
    }
    const target = this.lanes[bucket]
    const seconds = error.details.retryAfterSeconds
    if (seconds !== undefined) return this.pause(target, seconds * 1000)
    // Requests already in flight when the pause began answer 429 too: one refusal, not several.
    if (target.pausedUntil > this.now()) return
    target.strikes += 1
    const backoff = Math.min(PAUSE_MAX_MS, PAUSE_BASE_MS * 2 ** (target.strikes - 1))
    this.pause(target, Math.round(backoff * (1 + Math.random() * 0.5)))
  }

  private pause(target: Lane, ms: number): void {
    const until = this.now() + ms
    if (ms <= 0 || until <= target.pausedUntil) return
    target.pausedUntil = until
    target.queue.pause()
    clearTimeout(target.timer)
    target.timer = setTimeout(() => target.queue.start(), ms)
    target.timer.unref?.()
  }
}
