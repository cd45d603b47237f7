// A number the tray and dock show, added up over every saved server: the drafts not yet on their servers,
// or the tokens in the Watch. Kept from the core's own events (one server's new count at a time,
// profiles.changed for removals), like the window's stores, so it is never read from disk on a timer. Pure.

export interface ServerCount {
  profileId: string
  count: number
}

export class ServerTally {
  private readonly counts = new Map<string, number>()

  /**
   * The first full answer of the core's query. A server an event has already told about keeps that newer
   * count (the answer may have been computed before the event).
   */
  seed(counts: readonly ServerCount[]): void {
    for (const { profileId, count } of counts)
      if (!this.counts.has(profileId)) this.counts.set(profileId, count)
  }

  /** One server's new count; answers whether the total changed. */
  apply({ profileId, count }: ServerCount): boolean {
    const before = this.total
    this.counts.set(profileId, count)
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
