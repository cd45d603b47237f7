import { isLoopbackHost } from './server-address'

// The address a token's connection info and client links name: where customers send their requests.
// A gateway's admin states it as `server_address` (the stock web UI copies that one), and it may differ
// from the address TokenDesk reaches the server by — an internal name, a VPN address, a second domain.
// Upstream's value for "never set" is http://localhost:3000, and no loopback address can serve anyone on
// another computer; where the server states one, the saved address is the better guess (on the
// gateway's own computer both are right).

/** The base URL to give to clients of a server saved as `baseUrl` that states `serverAddress`. */
export function addressForClients(baseUrl: string, serverAddress: string | null): string {
  if (serverAddress === null) return baseUrl
  let host: string
  try {
    host = new URL(serverAddress).hostname
  } catch {
    return baseUrl
  }
  // 0.0.0.0 is where a server listens, never an address to call.
  return isLoopbackHost(host) || host === '0.0.0.0' ? baseUrl : serverAddress
}
