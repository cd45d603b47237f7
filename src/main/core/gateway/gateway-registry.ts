import { withNameLimit, type Pacing, type Profile, type ServerFeatures } from '@shared/domain/profile'
import type { ServerFacts } from '@shared/domain/server-facts'
import { AppError } from '@shared/result'
import type { Logger } from '../logger'
import { detectFeatures } from './detect-features'
import { GatewayClient, memoryOnly, type FeatureMemory } from './gateway-client'
import { GatewayHttpClient, type GatewayConnection, type HttpClientDeps } from './http-client'

// The one way to get a server's client. One client (and so one pacer) per saved server, created on first
// use and dropped when the server is removed, handed out already wired with:
// - the server's features as saved with its profile — the only place they are kept: the client reads
//   them from there, and what a call learns is saved there at once;
// - its request budget (`pacing`), also when it changes on a client that already exists;
// - its access token, read from the keychain once per server and run and then held in main's memory
//   (each keychain read took 2–34 ms, inside the window between a token's read and its update);
// - the reporting of every outcome to the server's connectivity (connectivity.ts).

export const FEATURES_MAX_AGE_MS = 24 * 60 * 60 * 1000

export interface RegistryListener {
  /** Every answer or failure of a request to this saved server. */
  onOutcome(profileId: string, error: AppError | null): void
  /** The server's 429 pause (0 = lifted). */
  onPause(profileId: string, until: number): void
  /** Requests wait for room in the server's window until about then (0 = none waits any more). */
  onHold?(profileId: string, until: number): void
  /**
   * The server refused a request (429) after `admitted` others in TokenDesk's window for it; `estimate`:
   * what that says of the server's own limit.
   */
  onRefused?(profileId: string, admitted: number, estimate: Pacing): void
  /** Features were saved with the profile (detected, or corrected by an answer). */
  onFeatures(profileId: string): void
  /** The server's client was dropped (removed, or its address or access token changed). */
  onForget?(profileId: string): void
}

/** The saved servers as the registry needs them (the profile store): read one, save what was learned. */
export interface SavedServers {
  find(profileId: string): Profile | undefined
  /** The saved server, or `not-found`. */
  require(profileId: string): Profile
  update(change: (draft: { profiles: Profile[] }) => void): Promise<unknown>
}

/** Where access tokens are kept (the OS keychain), by profile id. */
export interface AccessTokens {
  get(profileId: string): Promise<string | null>
}

export interface GatewayRegistryDeps {
  fetch: typeof globalThis.fetch
  now: () => number
  logger: Logger
  secrets: AccessTokens
  locale: () => string
  profiles: SavedServers
  listener: RegistryListener
  /** Timeouts and pacer settings; tests shrink them. */
  http?: Pick<HttpClientDeps, 'timeoutMs' | 'maxBodyBytes' | 'pacer'>
}

export class GatewayRegistry {
  private readonly clients = new Map<string, GatewayClient>()
  private readonly secrets = new Map<string, Promise<string>>()

  constructor(private readonly deps: GatewayRegistryDeps) {}

  /** A client for a connection that is not (yet) a saved server, e.g. while verifying a new one. */
  forConnection(connection: Omit<GatewayConnection, 'locale'>): GatewayClient {
    const http = new GatewayHttpClient({ ...connection, locale: this.deps.locale }, this.httpDeps())
    return new GatewayClient(http, memoryOnly())
  }

  /** The saved server's client. */
  client(profileId: string): GatewayClient {
    const profile = this.deps.profiles.require(profileId)
    const existing = this.clients.get(profileId)
    if (existing) {
      existing.http.usePacing(profile.pacing)
      return existing
    }
    const { listener } = this.deps
    const http = new GatewayHttpClient(
      {
        baseUrl: profile.baseUrl,
        userId: profile.userId,
        pacing: profile.pacing,
        locale: this.deps.locale,
        accessToken: () => this.secretOf(profileId),
      },
      {
        ...this.httpDeps(),
        onOutcome: (error) => listener.onOutcome(profileId, error),
        pacerListener: {
          onPause: (until) => listener.onPause(profileId, until),
          onHold: (until) => listener.onHold?.(profileId, until),
          onRefused: (admitted, estimate) => listener.onRefused?.(profileId, admitted, estimate),
          onLearnedLimit: (requests) =>
            this.deps.logger.warn({ profileId, requests }, 'the server refused earlier than its limit said'),
        },
      },
    )
    const client = new GatewayClient(http, this.savedFeatures(profileId))
    this.clients.set(profileId, client)
    return client
  }

  /** Drops the server's client and the access token held for it (server removed, token replaced). */
  forget(profileId: string): void {
    this.clients.delete(profileId)
    this.secrets.delete(profileId)
    this.deps.listener.onForget?.(profileId)
  }

  /**
   * Detects what the server can do now and saves it with the profile — with the server's facts read
   * again beside it (its admin may have changed the currency shown, or the quota per unit, since).
   */
  async refreshFeatures(profileId: string): Promise<ServerFeatures> {
    const client = this.client(profileId)
    const [features, facts] = await Promise.all([
      detectFeatures(client, this.deps.now),
      // The facts are a refresh of what is saved: a failed read keeps those.
      client.status().catch(() => null),
    ])
    await this.saveFeatures(profileId, features, facts)
    this.deps.logger.info({ profileId, features }, 'server features detected')
    return features
  }

  /** Re-detects features missing or older than a day; a failure is left to the call that follows. */
  async refreshFeaturesIfStale(profileId: string): Promise<void> {
    const features = this.deps.profiles.require(profileId).features
    if (features && this.deps.now() - features.detectedAt <= FEATURES_MAX_AGE_MS) return
    try {
      await this.refreshFeatures(profileId)
    } catch (error) {
      // Detection is an optimisation: the call itself reports a real failure (offline, auth) better.
      const code = error instanceof AppError ? error.code : 'internal'
      this.deps.logger.warn({ profileId, code }, 'server feature detection failed')
    }
  }

  private secretOf(profileId: string): Promise<string> {
    let secret = this.secrets.get(profileId)
    if (!secret) {
      secret = this.deps.secrets.get(profileId).then((value) => {
        if (!value) {
          throw new AppError('access-token-missing', 'No access token is stored for this server.')
        }
        return value
      })
      // A failed read (keychain locked, entry missing) is not remembered: the next request asks again.
      secret.catch(() => {
        if (this.secrets.get(profileId) === secret) this.secrets.delete(profileId)
      })
      this.secrets.set(profileId, secret)
    }
    return secret
  }

  /** A feature memory that lives in the profile store. */
  private savedFeatures(profileId: string): FeatureMemory {
    return {
      get: () => this.deps.profiles.find(profileId)?.features ?? null,
      learn: (patch) => {
        const known = this.deps.profiles.find(profileId)?.features
        if (!known) return
        this.saveFeatures(profileId, { ...known, ...patch }).then(
          () => this.deps.logger.info({ profileId, patch }, 'server features corrected by an answer'),
          (error: unknown) =>
            this.deps.logger.warn(
              { profileId, err: String(error) },
              'could not save learned server features',
            ),
        )
      },
    }
  }

  private async saveFeatures(
    profileId: string,
    features: ServerFeatures,
    facts: ServerFacts | null = null,
  ): Promise<void> {
    // The profile may have been removed while the server answered.
    if (!this.deps.profiles.find(profileId)) return
    await this.deps.profiles.update((draft) => {
      const profile = draft.profiles.find((candidate) => candidate.id === profileId)
      if (profile) {
        profile.features = features
        profile.server = withNameLimit(facts ?? profile.server, features)
      }
    })
    this.deps.listener.onFeatures(profileId)
  }

  private httpDeps(): HttpClientDeps {
    return { fetch: this.deps.fetch, now: this.deps.now, logger: this.deps.logger, ...this.deps.http }
  }
}
