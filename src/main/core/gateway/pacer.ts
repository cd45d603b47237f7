import { setTimeout as sleep } from 'node:timers/promises'
import PQueue from 'p-queue'
import pRetry, { AbortError } from 'p-retry'
import type { Pacing } from '@shared/domain/profile'
import { AppError } from '@shared/result'
import type { RequestOptions } from './request-options'
import { DEFAULT_GLOBAL_LIMIT, GUARD_MS, sameBudget } from './pacing-budget'
import { HOLD_REPORT_MS, HoldReport } from './pacer-hold'
import { Lane } from './pacer-lane'
import { estimateServerLimit } from './refusal-estimate'
import { DEFAULT_PACER_SETTINGS, type Bucket, type PacerOptions, type PacerSettings } from './pacer-settings'
import { shouldRetry } from './retry-policy'

// One pacer per server (one per GatewayHttpClient): every request passes it.
//
// Lanes. Each of the server's limiters has a lane: `global` (every request), `critical` (key reveal) and
// `search`. A lane (pacer-lane.ts) is a model of the limiter's sliding window (sliding-window.ts, sized
// by pacing-budget.ts) plus a p-queue that bounds how many requests are in flight and keeps their order.
// A request is admitted when the window has room — in the order requests asked — and its send time is
// recorded then. A bucket request (reveal, search) spends both its bucket and the global window: it first
// waits in its own lane (one at a time, so nothing else can take the bucket's room meanwhile), then
// takes a place in the global lane ahead of ordinary requests, and both windows record the same send.
//
// Pairs. A token's fresh read and the full update built from it are admitted together (`together`): the
// lane records both sends at once, so no other queued request can come between them and the update
// follows its read by one round trip (docs/newapi-behaviour.md §6). A slot the pair does not use (the
// update turned out unnecessary) is given back.
//
// Refusals. A 429 pauses the lane the request came through: for Retry-After seconds when the server says
// (capped: proxies send absurd values), else for a backoff that doubles with each consecutive 429 (with
// jitter, reset by any success). It also teaches the lane a lower limit when the server refused after
// fewer requests than the model allowed (an older server's 180 per 180 s, an admin's setting, the user's
// browser), unless it refused very early (see Lane.learn). A wait longer than a caller should sit
// through fails at once with `rate-limited` and the time to retry; `clearPauses` ("retry now") lifts
// every pause.
//
// Holds: a wait for room in the global window longer than a moment is reported (`onHold`,
// pacer-hold.ts).
//
// Retries: p-retry repeats reads (retry-policy.ts) with exponential backoff and jitter, through the
// lanes again. Writes are never repeated here: whether a failed write may be sent again is decided in one
// place, the write cycle (writes/write-retry.ts), which knows what the write meant.

/** Pause after the n-th consecutive 429 without Retry-After: 1 s, 2 s, 4 s … up to 30 s, jittered. */
const PAUSE_BASE_MS = 1_000
const PAUSE_MAX_MS = 30_000
/** How often a request waiting for room looks again (a pause may be lifted meanwhile). */
const RECHECK_MS = 250

export interface PacerListener {
  /** The global lane is paused until then (a 429); 0 when a pause was lifted. */
  onPause?: (until: number) => void
  /** A 429 taught a lower limit than the configured one. */
  onLearnedLimit?: (requests: number) => void
  /**
   * The server refused (429) a request of the global lane after `admitted` others in its window, whether
   * or not that taught the lane anything, and what that says of the server's own limit
   * (refusal-estimate.ts): the user may want to set it as the server's rate limit.
   */
  onRefused?: (admitted: number, estimate: Pacing) => void
  /**
   * Requests wait for room in the global window, expected then (unix ms); 0 once none waits any more.
   * TokenDesk's own pacing: nothing was refused.
   */
  onHold?: (until: number) => void
}

/** Thrown instead of waiting too long; p-retry's AbortError stops it from being retried. */
function heldBack(waitMs: number | null, why: string): AbortError {
  const details = waitMs === null ? undefined : { retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) }
  return new AbortError(new AppError('rate-limited', why, details))
}

/** What a group admitted together may do with its slots. */
export interface PairSlots {
  /** Gives back a reserved send that was not used. */
  release: () => void
  /** Reports the failure of the group's `index`-th request (a 429 pauses and teaches the lane). */
  refused: (error: unknown, index: number) => void
}

/** What a bucket's window has left now, as the UI shows it (e.g. key reveals before the critical limit). */
export interface BucketBudget {
  /** Requests TokenDesk may still send in the window (its cap less those counted; never below 0). */
  left: number
  /** TokenDesk's cap: the server's limit less the reserve for the user's own browser. */
  limit: number
  /** When the oldest counted request leaves the window and frees one (unix ms); null: none counted. */
  nextFreeAt: number | null
  windowSeconds: number
}

export class Pacer {
  private readonly settings: PacerSettings
  private readonly lanes: Record<Bucket, Lane>
  private readonly hold: HoldReport

  constructor(
    options: PacerOptions = {},
    private readonly now: () => number = Date.now,
    private readonly listener: PacerListener = {},
  ) {
    const defaults = DEFAULT_PACER_SETTINGS
    this.settings = {
      global: options.global ?? null,
      critical: options.critical ?? defaults.critical,
      search: options.search ?? defaults.search,
      retry: { ...defaults.retry, ...options.retry },
      maxPauseWaitMs: { ...defaults.maxPauseWaitMs, ...options.maxPauseWaitMs },
      maxQueueWaitMs: { ...defaults.maxQueueWaitMs, ...options.maxQueueWaitMs },
      maxRetryAfterMs: options.maxRetryAfterMs ?? defaults.maxRetryAfterMs,
      concurrency: options.concurrency ?? defaults.concurrency,
    }
    const queue = (concurrency: number) => new PQueue({ concurrency })
    this.lanes = {
      global: new Lane(this.settings.global ?? DEFAULT_GLOBAL_LIMIT, queue(this.settings.concurrency)),
      critical: new Lane(this.settings.critical, queue(1)),
      search: new Lane(this.settings.search, queue(1)),
    }
    this.hold = new HoldReport((until) => this.listener.onHold?.(until))
  }

  /** A changed profile budget. Sends already recorded keep counting: the server still counts them. */
  usePacing(global: Pacing | null): void {
    if (sameBudget(global, this.settings.global)) return
    this.settings.global = global
    this.lanes.global.setBudget(global ?? DEFAULT_GLOBAL_LIMIT)
  }

  /** The limit the global lane keeps to now (a learned one included), for the UI. */
  globalLimit(): Pacing {
    const lane = this.lanes.global
    return { ...lane.budget, requests: Math.min(lane.budget.requests, lane.learned ?? Infinity) }
  }

  /** When the global lane's 429 pause ends (0 = none). */
  pausedUntil(): number {
    const until = this.lanes.global.pausedUntil
    return until > this.now() ? until : 0
  }

  /** The budget left in a bucket's window now (a learned lower limit included). */
  budget(bucket: Bucket): BucketBudget {
    const lane = this.lanes[bucket]
    const { used, oldestLeavesAt } = lane.window.usage(this.now())
    const limit = lane.window.requests
    return {
      left: Math.max(0, limit - used),
      limit,
      nextFreeAt: oldestLeavesAt,
      windowSeconds: lane.budget.windowSeconds,
    }
  }

  /**
   * Whether `cost` more requests could go now without making anyone wait: nothing queued in any lane,
   * no pause, and the global window keeps at least `margin` free after them. Background work (the
   * Watch's refresh) asks this first and skips its round otherwise.
   */
  hasSpareRoom(cost: number, margin: number): boolean {
    if (Object.values(this.lanes).some((lane) => lane.queue.size > 0)) return false
    if (this.pausedUntil() > 0) return false
    const { left } = this.budget('global')
    return left >= cost + margin
  }

  /** "Retry now": the user overrides every pause the server asked for. */
  clearPauses(): void {
    for (const lane of Object.values(this.lanes)) {
      lane.pausedUntil = 0
      lane.strikes = 0
    }
    this.listener.onPause?.(0)
  }

  /** Runs `attempt` through the lanes, repeating it as retry-policy.ts allows (reads only). */
  run<T>(
    request: Pick<RequestOptions, 'method' | 'bucket' | 'background'>,
    attempt: () => Promise<T>,
  ): Promise<T> {
    const bucket = request.bucket ?? 'global'
    const { retry } = this.settings
    const maxWaitMs = this.settings.maxPauseWaitMs[bucket]
    // p-queue runs higher priorities first: background reads sit below everything (default 0).
    const priority = request.background ? -1 : 0
    return pRetry(() => this.schedule(bucket, 1, maxWaitMs, () => attempt(), priority), {
      retries: retry.retries,
      factor: 2,
      minTimeout: retry.minTimeoutMs,
      maxTimeout: retry.maxTimeoutMs,
      randomize: true,
      shouldRetry: ({ error, retriesConsumed }) => shouldRetry(error, request, retriesConsumed, maxWaitMs),
      unref: true,
    })
  }

  /**
   * Admits `count` global requests at once and runs `work`, which sends them one after the other with
   * nothing queued in between; `release` gives back a slot `work` did not need. Never repeated here.
   */
  together<T>(count: number, work: (slots: PairSlots) => Promise<T>): Promise<T> {
    const lane = this.lanes.global
    return this.schedule('global', count, this.settings.maxPauseWaitMs.global, (seqs) => {
      const unused = [...seqs]
      return work({
        release: () => {
          const seq = unused.pop()
          if (seq !== undefined) lane.window.giveBack(seq)
        },
        // A request of the group the server refused, even when the group's caller deals with the failure.
        refused: (error, index) => this.onRefusal(lane, error, seqs[index]),
      })
    }).catch((error: unknown) => {
      // Held back rather than sent: the caller wants the AppError, not p-retry's wrapper.
      throw error instanceof AbortError ? error.originalError : error
    })
  }

  private async schedule<T>(
    bucket: Bucket,
    cost: number,
    maxWaitMs: number,
    task: (seqs: number[]) => Promise<T>,
    priority = 0,
  ): Promise<T> {
    const global = this.lanes.global
    this.refuseLongPause(global, maxWaitMs)
    if (bucket === 'global') {
      return global.queue.add(() => this.admitted(global, global, cost, maxWaitMs, null, task), { priority })
    }
    const own = this.lanes[bucket]
    this.refuseLongPause(own, maxWaitMs)
    const maxQueueWaitMs = this.settings.maxQueueWaitMs[bucket]
    // The wait behind other calls of this bucket is bounded; the abort can only fire while queued.
    const controller = new AbortController()
    const timer = setTimeout(
      () =>
        controller.abort(
          heldBack(null, `TokenDesk is holding back to stay within the server's ${bucket} limit.`),
        ),
      maxQueueWaitMs,
    )
    timer.unref?.()
    return own.queue
      .add(
        async () => {
          clearTimeout(timer)
          const wait = own.window.waitMs(1, this.now())
          if (wait > maxQueueWaitMs)
            throw heldBack(wait, `TokenDesk is holding back to stay within the server's ${bucket} limit.`)
          return global.queue.add(() => this.admitted(global, own, cost, maxWaitMs, own, task), {
            priority: 1,
          })
        },
        { signal: controller.signal },
      )
      .finally(() => clearTimeout(timer))
  }

  /** Waits for room, records the sends, runs the task; a 429 pauses `refusing` (the request's lane). */
  private async admitted<T>(
    lane: Lane,
    refusing: Lane,
    cost: number,
    maxWaitMs: number,
    bucket: Lane | null,
    task: (seqs: number[]) => Promise<T>,
  ): Promise<T> {
    const seqs = await lane.inTurn(() => this.waitForRoom(lane, cost, maxWaitMs, bucket))
    const started = this.now()
    try {
      const value = await task(seqs)
      // A group may succeed as a whole after one of its requests was refused (reported by `refused`).
      if (refusing.refusedAt < started) refusing.strikes = 0
      return value
    } catch (error) {
      this.onRefusal(refusing, error, refusing === lane ? seqs[0] : null)
      throw error
    }
  }

  private async waitForRoom(lane: Lane, cost: number, maxWaitMs: number, bucket: Lane | null) {
    let held = false
    try {
      for (;;) {
        const now = this.now()
        const pause = Math.max(lane.pausedUntil, bucket?.pausedUntil ?? 0) - now
        if (pause > maxWaitMs) {
          throw heldBack(pause, 'The server asked TokenDesk to wait before sending more requests.')
        }
        const room = lane.window.waitMs(cost, now)
        const wait = Math.max(pause, room, bucket?.window.waitMs(1, now) ?? 0)
        if (wait <= 0) {
          bucket?.window.take(1, now)
          return lane.window.take(cost, now)
        }
        // A 429's pause is reported as such (onPause); a hold is the wait for the window alone.
        if (lane === this.lanes.global && room > HOLD_REPORT_MS && pause <= 0) {
          held = true
          this.hold.waiting(now + room)
        }
        await sleep(Math.min(wait, RECHECK_MS), undefined, { ref: false })
      }
    } finally {
      if (held) this.hold.done()
    }
  }

  private refuseLongPause(target: Lane, maxWaitMs: number): void {
    const remaining = target.pausedUntil - this.now()
    if (remaining > maxWaitMs) {
      throw heldBack(remaining, 'The server asked TokenDesk to wait before sending more requests.')
    }
  }

  /** A 429 pauses the lane the request came through and may teach it a lower limit; see the header. */
  private onRefusal(lane: Lane, error: unknown, seq: number | null | undefined): void {
    if (!(error instanceof AppError) || error.code !== 'rate-limited' || error.details?.httpStatus !== 429) {
      return
    }
    lane.refusedAt = this.now()
    const seconds = error.details.retryAfterSeconds
    if (seq !== null && seq !== undefined) {
      const admitted = lane.window.countBefore(seq)
      const global = lane === this.lanes.global
      const refusal = global ? lane.window.refusal(seq) : null
      if (refusal) {
        const estimate = estimateServerLimit({
          ...refusal,
          retryAfterMs: seconds === undefined ? null : seconds * 1000,
          windowMs: lane.budget.windowSeconds * 1000,
        })
        this.listener.onRefused?.(admitted, estimate)
      }
      if (lane.learn(admitted) && global) this.listener.onLearnedLimit?.(lane.learned ?? 0)
    }
    // Retry-After is whole seconds, rounded: a request sent the moment it ends met another 429 (seen
    // against a server limiting 30 per 60 s). The window's guard is added, as to the window itself.
    if (seconds !== undefined)
      return this.pause(lane, Math.min(seconds * 1000 + GUARD_MS, this.settings.maxRetryAfterMs))
    // Requests already in flight when the pause began answer 429 too: one refusal, not several.
    if (lane.pausedUntil > this.now()) return
    lane.strikes += 1
    const backoff = Math.min(PAUSE_MAX_MS, PAUSE_BASE_MS * 2 ** (lane.strikes - 1))
    this.pause(lane, Math.round(backoff * (1 + Math.random() * 0.5)))
  }

  private pause(lane: Lane, ms: number): void {
    const until = this.now() + ms
    if (ms <= 0 || until <= lane.pausedUntil) return
    lane.pausedUntil = until
    if (lane === this.lanes.global) this.listener.onPause?.(until)
  }
}
