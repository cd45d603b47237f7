import { UNKNOWN_REACH, type ReachState, type ServerReach } from '@shared/domain/server-state'
import type { AppError } from '@shared/result'
import { CREDENTIALS_MISSING, CREDENTIALS_REFUSED, UNREACHABLE } from '../failure-kinds'
import { MAX_RETRY_AFTER_MS } from '../gateway/pacing-budget'

// What TokenDesk knows of each server's reachability, learned from the outcome of every request (the
// registry reports them all) and from the pacer's 429 pauses:
//   answered (even with a refusal of the input) → online;   offline, timeout, TLS → offline;
//   auth, forbidden → auth-refused (only the user can mend it); no access token to send (none stored, or
//   the keychain cannot answer) → needs-token; a 429 → rate-limited until the pause ends.
// While a server is offline a cheap probe (GET /api/status, no auth) looks again with a backoff that
// doubles from 2 s to a minute and starts over once the server answers; the OS saying the network is
// back (or the machine woke up) and the user's "retry now" probe at once. Every change is announced, so
// the sync loops pause and resume, and the header shows it.

const PROBE_FIRST_MS = 2_000
const PROBE_MAX_MS = 60_000

export interface ConnectivityDeps {
  now: () => number
  /** Sends the probe request; its outcome comes back through noteOutcome like any other. */
  probe: (profileId: string) => Promise<unknown>
  onChange: (profileId: string, reach: ServerReach, previous: ServerReach) => void
  random?: () => number
}

interface Probe {
  timer: ReturnType<typeof setTimeout> | null
  /** When the timer fires. */
  dueAt: number | null
  /** Probes sent since the server went offline; grows the delay. */
  attempts: number
}

export class Connectivity {
  private readonly reaches = new Map<string, ServerReach>()
  private readonly probes = new Map<string, Probe>()
  private readonly pauseTimers = new Map<string, ReturnType<typeof setTimeout>>()
  private closed = false

  constructor(private readonly deps: ConnectivityDeps) {}

  reach(profileId: string): ServerReach {
    return this.reaches.get(profileId) ?? UNKNOWN_REACH
  }

  noteOutcome(profileId: string, error: AppError | null): void {
    if (!error) return this.set(profileId, 'online', {})
    if (UNREACHABLE.has(error.code)) return this.set(profileId, 'offline', { error: error.toData() })
    if (CREDENTIALS_REFUSED.has(error.code))
      return this.set(profileId, 'auth-refused', { error: error.toData() })
    if (CREDENTIALS_MISSING.has(error.code))
      return this.set(profileId, 'needs-token', { error: error.toData() })
    if (error.code === 'rate-limited') {
      const seconds = error.details?.retryAfterSeconds
      const until = this.deps.now() + Math.min((seconds ?? 1) * 1000, MAX_RETRY_AFTER_MS)
      return this.set(profileId, 'rate-limited', { until, error: error.toData() })
    }
    // The server answered, with a refusal or a failure of its own: it can be reached.
    this.set(profileId, 'online', {})
  }

  /** The pacer paused the server until then (0 = the pause was lifted). */
  notePause(profileId: string, until: number): void {
    if (until > this.deps.now()) return this.set(profileId, 'rate-limited', { until })
    if (this.reach(profileId).state === 'rate-limited') this.set(profileId, 'online', {})
  }

  /** Looks at once (OS online or resume signal, "retry now"); every offline server when none is named. */
  probeNow(profileId?: string): void {
    const ids = profileId ? [profileId] : [...this.reaches.keys()]
    for (const id of ids) {
      if (this.reach(id).state !== 'offline') continue
      this.stopProbe(id)
      this.probes.set(id, { timer: null, dueAt: null, attempts: 0 })
      this.runProbe(id)
    }
  }

  /**
   * "Retry now": the user overrides what TokenDesk believes of the server (rate limited, credentials
   * refused, offline). The state goes back to unknown, so the next request finds out; an offline server
   * is probed at once.
   */
  retry(profileId: string): void {
    const state = this.reach(profileId).state
    if (state === 'offline') return this.probeNow(profileId)
    if (state === 'rate-limited' || state === 'auth-refused' || state === 'needs-token') {
      clearTimeout(this.pauseTimers.get(profileId))
      this.pauseTimers.delete(profileId)
      const previous = this.reach(profileId)
      const next: ServerReach = {
        state: 'unknown',
        since: this.deps.now(),
        until: null,
        nextProbeAt: null,
        error: null,
      }
      this.reaches.set(profileId, next)
      this.deps.onChange(profileId, next, previous)
    }
  }

  forget(profileId: string): void {
    this.stopProbe(profileId)
    clearTimeout(this.pauseTimers.get(profileId))
    this.pauseTimers.delete(profileId)
    this.reaches.delete(profileId)
  }

  close(): void {
    this.closed = true
    for (const id of [...this.reaches.keys()]) this.forget(id)
  }

  private set(
    profileId: string,
    state: ReachState,
    extra: { until?: number; error?: ServerReach['error'] },
  ): void {
    if (this.closed) return
    const previous = this.reach(profileId)
    const until = extra.until ?? null
    // Requests in flight when a pause began may still succeed; the pause stands until it ends.
    if (state === 'online' && previous.state === 'rate-limited' && (previous.until ?? 0) > this.deps.now())
      return
    if (state === 'offline') this.scheduleProbe(profileId)
    else this.stopProbe(profileId)
    if (state === 'rate-limited') this.endPauseAt(profileId, until ?? this.deps.now())
    const next: ServerReach = {
      state,
      since: previous.state === state ? previous.since : this.deps.now(),
      until,
      nextProbeAt: state === 'offline' ? this.nextProbeAt(profileId) : null,
      error: extra.error ?? null,
    }
    this.reaches.set(profileId, next)
    if (
      previous.state !== next.state ||
      previous.until !== next.until ||
      previous.nextProbeAt !== next.nextProbeAt ||
      previous.error?.code !== next.error?.code
    )
      this.deps.onChange(profileId, next, previous)
  }

  private endPauseAt(profileId: string, until: number): void {
    clearTimeout(this.pauseTimers.get(profileId))
    const timer = setTimeout(
      () => {
        this.pauseTimers.delete(profileId)
        if (this.reach(profileId).state === 'rate-limited') this.set(profileId, 'online', {})
      },
      Math.max(0, until - this.deps.now()),
    )
    timer.unref?.()
    this.pauseTimers.set(profileId, timer)
  }

  private scheduleProbe(profileId: string): void {
    const probe = this.probes.get(profileId) ?? { timer: null, dueAt: null, attempts: 0 }
    this.probes.set(profileId, probe)
    if (probe.timer) return
    const base = Math.min(PROBE_MAX_MS, PROBE_FIRST_MS * 2 ** probe.attempts)
    const delay = Math.round(base * (0.8 + 0.4 * (this.deps.random ?? Math.random)()))
    probe.timer = setTimeout(() => {
      probe.timer = null
      probe.dueAt = null
      this.runProbe(profileId)
    }, delay)
    probe.timer.unref?.()
    probe.dueAt = this.deps.now() + delay
  }

  private nextProbeAt(profileId: string): number | null {
    return this.probes.get(profileId)?.dueAt ?? null
  }

  private runProbe(profileId: string): void {
    const probe = this.probes.get(profileId)
    if (!probe || this.closed) return
    probe.attempts += 1
    // The probe's own outcome arrives through noteOutcome: online stops probing, offline schedules the
    // next (longer) wait. Should it end without reporting, the next wait is scheduled here.
    void Promise.resolve()
      .then(() => this.deps.probe(profileId))
      .catch(() => undefined)
      .finally(() => {
        if (this.reach(profileId).state === 'offline') this.scheduleProbe(profileId)
      })
  }

  private stopProbe(profileId: string): void {
    const probe = this.probes.get(profileId)
    if (probe?.timer) clearTimeout(probe.timer)
    this.probes.delete(profileId)
  }
}
