import type { ServerReach } from '@shared/domain/server-state'
import { watchSettingsOf } from '@shared/domain/watch-settings'
import { MAX_PAGE_SIZE } from '../gateway/token-pages'
import type { GatewayRegistry } from '../gateway/gateway-registry'
import type { Logger } from '../logger'
import type { ProfileStore } from '../profiles/profile-store'
import type { TokenCache } from '../workspace/token-cache'
import type { TokenService } from '../workspace/token-service'
import type { RoundOutcome } from './round-outcome'
import type { WatchService } from './watch-service'

// Keeps the Watch current while the app runs: every ~10 minutes (jittered, so several windows or servers
// do not line up) each server's token list is read again through the one listing path (token-service) —
// but only from the pacer's spare room. A round is skipped for a server when anything is queued there,
// the server asked to wait, or its window would keep less than a margin after a full listing; and
// never while it is offline, refusing the access token, or has none. Its reads are queued behind every
// other request (`background`), so a request the user makes meanwhile is not held up by them. Whatever
// happens, the Watch is rechecked: time alone brings expiries closer.

export const WATCH_INTERVAL_MS = 10 * 60_000
/** ± this share of the interval, at random. */
const JITTER = 0.2

export interface WatchRefreshDeps {
  profiles: ProfileStore
  gateways: GatewayRegistry
  cache: TokenCache
  tokens: TokenService
  watch: WatchService
  reach: (profileId: string) => ServerReach
  hasAccessToken: (profileId: string) => Promise<boolean>
  logger: Logger
  /** null: no timer (tests run rounds themselves). */
  intervalMs: number | null
  random?: () => number
}

/** Requests a full listing of `cached` rows costs: its pages, one more for rows added since, and a status read. */
export function listingCost(cached: number): number {
  return Math.max(1, Math.ceil(cached / MAX_PAGE_SIZE)) + 2
}

/** Room kept free for the user after a background listing: a tenth of the window, at least 5 requests. */
export function spareMargin(limit: number): number {
  return Math.max(5, Math.ceil(limit / 10))
}

export class WatchRefresh {
  private timer: NodeJS.Timeout | null = null
  private closed = false
  private round_: Promise<Record<string, RoundOutcome>> | null = null

  constructor(private readonly deps: WatchRefreshDeps) {}

  start(): void {
    this.schedule()
  }

  close(): void {
    this.closed = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  /** One round over every saved server now (a round already running is joined, not doubled). */
  round(): Promise<Record<string, RoundOutcome>> {
    this.round_ ??= this.runRound().finally(() => (this.round_ = null))
    return this.round_
  }

  private schedule(): void {
    const { intervalMs } = this.deps
    if (intervalMs === null || this.closed) return
    const random = this.deps.random ?? Math.random
    const delay = Math.round(intervalMs * (1 - JITTER + 2 * JITTER * random()))
    this.timer = setTimeout(() => {
      void this.round().finally(() => this.schedule())
    }, delay)
    this.timer.unref()
  }

  private async runRound(): Promise<Record<string, RoundOutcome>> {
    const outcomes: Record<string, RoundOutcome> = {}
    for (const profile of this.deps.profiles.snapshot().profiles) {
      if (this.closed) break
      outcomes[profile.id] = await this.refresh(profile.id)
      await this.deps.watch.recheck(profile.id)
    }
    return outcomes
  }

  private async refresh(profileId: string): Promise<RoundOutcome> {
    const profile = this.deps.profiles.find(profileId)
    if (!profile || !watchSettingsOf(profile.watch, profile.server).enabled) return 'off'
    const reach = this.deps.reach(profileId).state
    if (reach === 'needs-token') return 'no-token'
    if (reach !== 'online' && reach !== 'unknown') return 'unreachable'
    if (!(await this.deps.hasAccessToken(profileId))) return 'no-token'
    const pacing = this.deps.gateways.client(profileId).http.pacing
    const cached = (await this.deps.cache.read(profileId)).tokens.length
    if (!pacing.hasSpareRoom(listingCost(cached), spareMargin(pacing.budget('global').limit))) return 'busy'
    try {
      await this.deps.tokens.list(profileId, { background: true })
      return 'read'
    } catch (error) {
      this.deps.logger.info({ profileId, err: String(error) }, 'watch refresh read failed')
      return 'failed'
    }
  }
}
