import { NEEDS_ATTENTION } from '@shared/domain/draft'
import { DEFAULT_PACING } from '@shared/domain/default-pacing'
import type { Pacing } from '@shared/domain/profile'
import type { ServerState } from '@shared/domain/server-state'
import type { EventBus } from './event-bus'
import type { Outbox } from './drafts/outbox'
import type { ProfileStore } from './profiles/profile-store'
import type { Connectivity } from './connectivity/connectivity'

// Each saved server's state as the header shows it: reachability (connectivity.ts), the drafts that wait
// for it (the outbox), a wait for room in its request window (the pacer's hold) and refusals that came
// earlier than its limit said. Recomputed and announced (`servers.changed`) whenever any of them changes.

export interface ServerStatesDeps {
  profiles: ProfileStore
  connectivity: Connectivity
  outbox: Outbox
  autoSync: (profileId: string) => boolean
  events: EventBus
}

type EarlyRefusal = NonNullable<ServerState['refusedEarly']>

export class ServerStates {
  private readonly holds = new Map<string, number>()
  private readonly refusals = new Map<string, EarlyRefusal>()

  constructor(private readonly deps: ServerStatesDeps) {}

  /** When the server's pacer expects room for the requests it holds; null when it holds none. */
  heldUntil(profileId: string): number | null {
    return this.holds.get(profileId) ?? null
  }

  /** The server's pacer holds requests until then (0: it holds none any more). */
  noteHold(profileId: string, until: number): void {
    if (until > 0) this.holds.set(profileId, until)
    else if (!this.holds.delete(profileId)) return
    this.announce(profileId)
  }

  /**
   * The server refused a request after `admitted` others in the window; `suggested`: its own limit as the
   * refusal tells it. Kept when that is below the limit TokenDesk keeps to: a sign the server's own limit
   * is lower. A refusal of the very first request says nothing of a limit.
   */
  noteRefusal(profileId: string, admitted: number, suggested: Pacing): void {
    const pacing = this.deps.profiles.find(profileId)?.pacing ?? DEFAULT_PACING
    if (admitted < 1 || admitted >= pacing.requests) return
    const kept = this.current(profileId)
    // The slowest limit a refusal told is the one kept: the server refused at that pace too.
    const rate = (limit: Pacing) => limit.requests / limit.windowSeconds
    if (kept && rate(kept.suggested) <= rate(suggested)) return
    this.refusals.set(profileId, {
      admitted,
      limit: pacing.requests,
      windowSeconds: pacing.windowSeconds,
      suggested,
    })
    this.announce(profileId)
  }

  /** The early refusal noted under the server's limit as it is now: one under another limit is moot. */
  private current(profileId: string): EarlyRefusal | null {
    const kept = this.refusals.get(profileId)
    const pacing = this.deps.profiles.find(profileId)?.pacing ?? DEFAULT_PACING
    if (!kept || kept.limit !== pacing.requests || kept.windowSeconds !== pacing.windowSeconds) return null
    return kept
  }

  async of(profileId: string): Promise<ServerState> {
    const { drafts } = await this.deps.outbox.doc(profileId)
    const reach = this.deps.connectivity.reach(profileId)
    return {
      profileId,
      reach,
      unsynced: drafts.length,
      needsAttention: drafts.filter((draft) => NEEDS_ATTENTION.has(draft.state)).length,
      syncing: this.deps.outbox.syncingCount(profileId) > 0,
      heldUntil: this.holds.get(profileId) ?? null,
      refusedEarly: this.current(profileId),
      autoSync: this.deps.autoSync(profileId),
    }
  }

  async all(): Promise<ServerState[]> {
    return Promise.all(this.deps.profiles.snapshot().profiles.map((profile) => this.of(profile.id)))
  }

  /** Recomputes and announces one server's state (a removed server is not announced). */
  announce(profileId: string): void {
    if (!this.deps.profiles.find(profileId)) return
    this.of(profileId).then(
      (state) => this.deps.events.emit('servers.changed', state),
      () => undefined,
    )
  }
}
