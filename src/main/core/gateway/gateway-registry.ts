import type { Profile } from '@shared/domain/profile'
import { AppError } from '@shared/result'
import type { SecretStore } from '../core-types'
import type { Logger } from '../logger'
import { GatewayClient } from './gateway-client'
import { GatewayHttpClient, type GatewayConnection } from './http-client'

// One gateway client (and so one pacer) per server profile, created on first use and dropped when the
// profile is removed. The profile's request budget (`pacing`) reaches the pacer here, also when it
// changes on a client that already exists (its pacer keeps its pauses and in-flight requests).

export interface GatewayRegistryDeps {
  fetch: typeof globalThis.fetch
  now: () => number
  logger: Logger
  secrets: SecretStore
  locale: () => string
}

export class GatewayRegistry {
  private readonly clients = new Map<string, GatewayClient>()

  constructor(private readonly deps: GatewayRegistryDeps) {}

  /** A client for a connection that is not (yet) a saved profile, e.g. while verifying a new one. */
  forConnection(connection: Omit<GatewayConnection, 'locale'>): GatewayClient {
    return new GatewayClient(
      new GatewayHttpClient({ ...connection, locale: this.deps.locale }, this.httpDeps()),
    )
  }

  forProfile(profile: Profile): GatewayClient {
    let client = this.clients.get(profile.id)
    if (client) client.http.usePacing(profile.pacing)
    else {
      client = this.forConnection({
        baseUrl: profile.baseUrl,
        userId: profile.userId,
        pacing: profile.pacing,
        accessToken: async () => {
          const secret = await this.deps.secrets.get(profile.id)
          if (!secret)
            throw new AppError('auth', 'No access token is stored in the keychain for this server.')
          return secret
        },
      })
      this.clients.set(profile.id, client)
    }
    return client
  }

  forget(profileId: string): void {
    this.clients.delete(profileId)
  }

  private httpDeps() {
    return { fetch: this.deps.fetch, now: this.deps.now, logger: this.deps.logger }
  }
}
