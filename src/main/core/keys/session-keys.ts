import type { GatewayClient } from '../gateway/gateway-client'

// Keys revealed this session, per server, in main's memory only — never on disk, never in a log. A
// second copy of the same key costs no request against the server's small critical limit.
//
// The keys belong to the client they were revealed through. The registry makes a new client whenever the
// server's address or access token changes (and drops it when the server is removed), and `forget` is
// called then too; keys held for an older client are never handed out, even if a `forget` were missed.

export class SessionKeys {
  private readonly held = new Map<string, { client: GatewayClient; keys: Map<number, string> }>()

  /** The keys held for this server's current client (an empty set for a new client). */
  of(profileId: string, client: GatewayClient): Map<number, string> {
    const entry = this.held.get(profileId)
    if (entry && entry.client === client) return entry.keys
    const keys = new Map<number, string>()
    this.held.set(profileId, { client, keys })
    return keys
  }

  /** Keeps revealed keys, unless the server's client changed while they were being revealed. */
  keep(profileId: string, client: GatewayClient, revealed: ReadonlyMap<number, string>): void {
    const entry = this.held.get(profileId)
    if (!entry || entry.client !== client) return
    for (const [id, key] of revealed) entry.keys.set(id, key)
  }

  /** The server was removed, or its address or access token changed. */
  forget(profileId: string): void {
    this.held.get(profileId)?.keys.clear()
    this.held.delete(profileId)
  }

  /** Held for tests: how many keys a server has in memory. */
  count(profileId: string): number {
    return this.held.get(profileId)?.keys.size ?? 0
  }
}
