import type { ServerFeatures } from '@shared/domain/profile'
import type { GatewayHttpClient } from './http-client'

// What the small call modules (pages, search, create, reveal...) share: the paced HTTP client and the
// server's remembered features. `learn` records what a call found out (a route answered "unknown
// route", the list came in the other paging style) so the next call does not ask again.

export interface GatewayContext {
  readonly http: GatewayHttpClient
  features(): ServerFeatures | null
  learn(patch: Partial<Omit<ServerFeatures, 'detectedAt'>>): void
}

export type Paging = ServerFeatures['paging']
