import type { Attention, WatchCounts, WatchState } from '@shared/contract/watch-contract'
import { watchKeys, watchList } from '@shared/domain/watch-rule'
import { watchSettingsOf } from '@shared/domain/watch-settings'
import type { EventBus } from '../event-bus'
import type { Logger } from '../logger'
import type { ProfileStore } from '../profiles/profile-store'
import type { TokenCache } from '../workspace/token-cache'
import type { WatchAnnounced } from './watch-announced'

// The Watch of each server: the tokens of its token cache that expire soon, have expired or run low
// (shared/domain/watch-rule.ts), under the server's thresholds. Rechecked whenever the cache or the
// thresholds change (and on the refresher's rounds: time alone brings expiries closer). A change is
// announced to the UI (`watch.changed`); a token entering the Watch for a reason is announced once to
// the user (`app.attention`), remembered across restarts (watch-announced.ts).

/** Names carried by one attention event; the count says how many there are in all. */
const NAMES_PER_ATTENTION = 5

export interface WatchServiceDeps {
  profiles: ProfileStore
  cache: TokenCache
  announced: WatchAnnounced
  events: EventBus
  logger: Logger
  now: () => number
}

export class WatchService {
  private readonly states = new Map<string, WatchState>()
  /** Rechecks of one server run one after another (the announced file must see them in order). */
  private readonly turns = new Map<string, Promise<unknown>>()
  /**
   * A recheck queued and not yet started, per server: further asks join it. A bulk job announces rows
   * many times a second; one look after the latest of them is enough.
   */
  private readonly queued = new Map<string, Promise<void>>()
  private closed = false

  constructor(private readonly deps: WatchServiceDeps) {}

  /** The server's Watch now, from its token cache. */
  async state(profileId: string): Promise<WatchState> {
    const profile = this.deps.profiles.require(profileId)
    const cached = await this.deps.cache.read(profileId)
    const settings = watchSettingsOf(profile.watch, profile.server)
    return {
      profileId,
      settings,
      custom: profile.watch !== null,
      entries: watchList(cached.tokens, settings, Math.floor(this.deps.now() / 1000)),
      checkedAt: cached.fetchedAt,
    }
  }

  /**
   * The server's Watch for the window: taken after the checks under way, so an answer is never older than
   * a `watch.changed` sent before it (one computed from the cache read before a listing's write, sent
   * after that listing's event, would put the window back to the older list).
   */
  async current(profileId: string): Promise<WatchState> {
    this.deps.profiles.require(profileId)
    await this.recheck(profileId)
    return this.states.get(profileId) ?? (await this.state(profileId))
  }

  /** Tokens on the Watch per server and in all (every saved server, as last checked). */
  async counts(): Promise<WatchCounts> {
    const servers = await Promise.all(
      this.deps.profiles.snapshot().profiles.map(async (profile) => {
        const state = this.states.get(profile.id) ?? (await this.state(profile.id))
        return { profileId: profile.id, count: state.entries.length }
      }),
    )
    return { total: servers.reduce((sum, server) => sum + server.count, 0), servers }
  }

  /** Looks at the server's Watch again; tells the UI if it changed and the user of what entered it. */
  recheck(profileId: string): Promise<void> {
    if (this.closed) return Promise.resolve()
    const waiting = this.queued.get(profileId)
    if (waiting) return waiting
    const previous = this.turns.get(profileId) ?? Promise.resolve()
    const turn = previous.then(() => {
      this.queued.delete(profileId)
      return this.check(profileId)
    })
    const settled = turn.catch((error: unknown) => {
      this.deps.logger.warn({ profileId, err: String(error) }, 'watch recheck failed')
    })
    this.queued.set(profileId, settled)
    this.turns.set(profileId, settled)
    return settled
  }

  /** Every saved server, e.g. when thresholds may have changed or time moved expiries closer. */
  async recheckAll(): Promise<void> {
    await Promise.all(this.deps.profiles.snapshot().profiles.map((profile) => this.recheck(profile.id)))
  }

  /** Waits for the rechecks under way (they read and write files in the data folder) and starts none. */
  async close(): Promise<void> {
    this.closed = true
    await Promise.all(this.turns.values())
  }

  /** The saved server points at another server now. */
  async reset(profileId: string): Promise<void> {
    this.states.delete(profileId)
    await this.deps.announced.reset(profileId)
  }

  /** The server was removed. */
  async forget(profileId: string): Promise<void> {
    this.states.delete(profileId)
    await this.turns.get(profileId)
    this.turns.delete(profileId)
    await this.deps.announced.remove(profileId)
  }

  private async check(profileId: string): Promise<void> {
    const profile = this.deps.profiles.find(profileId)
    if (!profile) return
    const next = await this.state(profileId)
    const before = this.states.get(profileId)
    this.states.set(profileId, next)
    if (!before || JSON.stringify(before) !== JSON.stringify(next))
      this.deps.events.emit('watch.changed', next)
    // A list never read says nothing of what left the Watch: keep what was announced until it is.
    if (next.checkedAt === null) return
    const fresh = new Set(await this.deps.announced.advance(profileId, watchKeys(next.entries)))
    if (fresh.size === 0) return
    const entered = next.entries.flatMap((entry) => {
      const reasons = entry.reasons.filter((reason) => fresh.has(`${entry.tokenId}:${reason}`))
      return reasons.length > 0 ? [{ tokenId: entry.tokenId, name: entry.name, reasons }] : []
    })
    const attention: Attention = {
      kind: 'watch',
      profileId,
      serverName: profile.name,
      count: entered.length,
      tokens: entered.slice(0, NAMES_PER_ATTENTION),
    }
    this.deps.logger.info({ profileId, count: entered.length }, 'tokens entered the watch')
    this.deps.events.emit('app.attention', attention)
  }
}
