import type { TokenList } from '@shared/contract/contract'
import type { Token } from '@shared/domain/token'
import { AppError } from '@shared/result'
import type { GatewayRegistry } from '../gateway/gateway-registry'
import type { ProfileStore } from '../profiles/profile-store'
import type { EventBus } from '../event-bus'
import { withMaskedKey, type TokenCache } from './token-cache'

// Reading a server's tokens. A listing refreshes the server's token cache; when the server cannot be
// reached (or refuses), the list as last fetched is answered instead, with its fetched-at time and the
// reason — offline browsing — as long as there is one.

export interface TokenServiceDeps {
  profiles: ProfileStore
  gateways: GatewayRegistry
  cache: TokenCache
  events: EventBus
  now: () => number
  /** A listing replaced the server's cached rows (the Watch looks again). */
  listed?: (profileId: string) => void
}

export class TokenService {
  constructor(private readonly deps: TokenServiceDeps) {}

  /** `background`: nobody waits for it (the Watch's refresh), so its reads queue behind every other. */
  async list(profileId: string, options: { background?: boolean } = {}): Promise<TokenList> {
    const profile = this.deps.profiles.require(profileId)
    // Listing is the natural moment to re-detect features that are missing or a day old.
    await this.deps.gateways.refreshFeaturesIfStale(profileId)
    const ticket = this.deps.cache.listing(profileId)
    let listed: Token[]
    try {
      listed = await this.deps.gateways.client(profileId).listTokens(
        ({ page, loaded, total }) =>
          this.deps.events.emit('tokens.progress', {
            profileId,
            tokens: page.map(withMaskedKey),
            loaded,
            total,
          }),
        options,
      )
    } catch (error) {
      const cached = await this.cached(profileId, error)
      if (!(error instanceof AppError) || cached.fetchedAt === null) throw error
      return cached
    }
    const fetchedAt = this.deps.now()
    const tokens = await this.deps.cache.replaceAll(profileId, listed, fetchedAt, ticket)
    this.deps.listed?.(profileId)
    return { profileId, tokens, fetchedAt, server: profile.server, source: 'server', error: null }
  }

  /**
   * The list as last fetched, without asking the server (null fetchedAt: never fetched); with the reason
   * when it stands in for a listing that failed.
   */
  async cached(profileId: string, failure?: unknown): Promise<TokenList> {
    const profile = this.deps.profiles.require(profileId)
    const cached = await this.deps.cache.read(profileId)
    return {
      profileId,
      tokens: cached.tokens,
      fetchedAt: cached.fetchedAt,
      server: profile.server,
      source: 'cache',
      error: failure instanceof AppError ? failure.toData() : null,
    }
  }

  /** One token, fresh from the server (the cache and the UI learn of it too). */
  async get(profileId: string, id: number): Promise<Token> {
    this.deps.profiles.require(profileId)
    const token = await this.deps.gateways.client(profileId).getToken(id)
    await this.deps.cache.apply(profileId, { upsert: [token] })
    return token
  }
}
