import type { ServerFeatures } from '@shared/domain/profile'
import type { GatewayHttpClient } from './http-client'

// What the small call modules (pages, search, create, reveal...) share: the paced HTTP client and the
// server's remembered features. `learn` records what a call found out (a route answered "unknown
// route", the list came in the other paging style) so the next call does not ask again.
// `newestSeen` is the highest token id a create's look-up just saw: the next create's marker while it
// is fresh (token-create.ts).

export interface GatewayContext {
  readonly http: GatewayHttpClient
  features(): ServerFeatures | null
  learn(patch: Partial<Omit<ServerFeatures, 'detectedAt'>>): void
  /** The highest token id the last create look-up saw, and when (unix ms); null once stale or deleted. */
  newestSeen: { id: number; at: number } | null
}

export type Paging = ServerFeatures['paging']
