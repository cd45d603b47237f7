import type { ServerState } from '@shared/domain/server-state'

// The number the tray and dock show: drafts not yet on their servers, over every saved server. Kept from
// the core's own events (servers.changed per server, profiles.changed for removals), like the window's
// stores, so it is never read from disk on a timer. Pure.

export class UnsyncedTally {
  private readonly counts = new Map<string, number>()

  /**
   * The first full answer of `servers.states`. A server an event has already told about keeps that newer
   * count (the answer may have been computed before the event).
   */
  seed(states: readonly Pick<ServerState, 'profileId' | 'unsynced'>[]): void {
    for (const state of states)
      if (!this.counts.has(state.profileId)) this.counts.set(state.profileId, state.unsynced)
  }

  /** One server's new state; answers whether the total changed. */
  apply(state: Pick<ServerState, 'profileId' | 'unsynced'>): boolean {
    const before = this.total
    this.counts.set(state.profileId, state.unsynced)
    return this.total !== before
  }

  /** Forgets servers no longer saved (a removed server's drafts went with it); answers whether it changed. */
  keepOnly(profileIds: readonly string[]): boolean {
    const before = this.total
    const kept = new Set(profileIds)
    for (const id of [...this.counts.keys()]) if (!kept.has(id)) this.counts.delete(id)
    return this.total !== before
  }

  get total(): number {
    let sum = 0
    for (const count of this.counts.values()) sum += count
    return sum
  }
}
