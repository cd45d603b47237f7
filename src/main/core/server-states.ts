import { NEEDS_ATTENTION } from '@shared/domain/draft'
import type { ServerState } from '@shared/domain/server-state'
import type { EventBus } from './event-bus'
import type { Outbox } from './drafts/outbox'
import type { ProfileStore } from './profiles/profile-store'
import type { Connectivity } from './connectivity/connectivity'

// Each saved server's state as the header shows it: reachability (connectivity.ts), the drafts that wait
// for it (the outbox) and a wait for room in its request window (the pacer's hold). Recomputed and
// announced (`servers.changed`) whenever any of them changes.

export interface ServerStatesDeps {
  profiles: ProfileStore
  connectivity: Connectivity
  outbox: Outbox
  autoSync: (profileId: string) => boolean
  events: EventBus
}

export class ServerStates {
  private readonly holds = new Map<string, number>()

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
