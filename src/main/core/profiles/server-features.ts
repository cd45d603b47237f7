import type { Profile, ServerFeatures } from '@shared/domain/profile'
import { AppError } from '@shared/result'
import type { EventBus } from '../event-bus'
import { detectFeatures } from '../gateway/detect-features'
import type { GatewayClient } from '../gateway/gateway-client'
import type { GatewayRegistry } from '../gateway/gateway-registry'
import type { Logger } from '../logger'
import type { ProfileStore } from './profile-store'

// What each saved server can do, remembered in profiles.json (servers differ by version, and detecting
// costs requests). A profile's gateway client is handed its remembered features; they are detected
// again when missing or older than a day (on listing), on reconnect (the server may have been upgraded
// while TokenDesk was offline), and corrected whenever a call meets an answer that contradicts them.

export const FEATURES_MAX_AGE_MS = 24 * 60 * 60 * 1000

export interface ServerFeaturesDeps {
  store: ProfileStore
  gateways: GatewayRegistry
  events: EventBus
  logger: Logger
  now: () => number
}

/** Failures that mean the server could not be reached at all (as opposed to a refusal). */
const UNREACHABLE = new Set(['offline', 'timeout', 'tls'])

export class ServerFeaturesKeeper {
  private readonly unreachable = new Set<string>()

  constructor(private readonly deps: ServerFeaturesDeps) {}

  /**
   * Follows reachability from the outcome of a call: after the server could not be reached, the first
   * success counts as a reconnect and re-detects its features (it may have been upgraded meanwhile).
   */
  async noteOutcome(profileId: string, error: unknown): Promise<void> {
    if (error) {
      if (error instanceof AppError && UNREACHABLE.has(error.code)) this.unreachable.add(profileId)
      return
    }
    if (!this.unreachable.delete(profileId)) return
    try {
      await this.refresh(profileId)
    } catch (failure) {
      const code = failure instanceof AppError ? failure.code : 'internal'
      this.deps.logger.warn({ profileId, code }, 'server feature detection after reconnect failed')
    }
  }

  /** The profile's gateway client, using the remembered features; `refreshWhenStale` re-detects. */
  async clientFor(profileId: string, options: { refreshWhenStale?: boolean } = {}): Promise<GatewayClient> {
    let profile = this.require(profileId)
    if (options.refreshWhenStale && this.isStale(profile.features)) {
      try {
        await this.refresh(profileId)
        profile = this.require(profileId)
      } catch (error) {
        // Detection is an optimisation: the call itself reports a real failure (offline, auth) better.
        const code = error instanceof AppError ? error.code : 'internal'
        this.deps.logger.warn({ profileId, code }, 'server feature detection failed')
      }
    }
    return this.apply(profile)
  }

  /** Detects the server's features now and remembers them with the profile. */
  async refresh(profileId: string): Promise<ServerFeatures> {
    const client = this.apply(this.require(profileId))
    const features = await detectFeatures(client, this.deps.now)
    client.useFeatures(features)
    await this.save(profileId, features)
    this.deps.logger.info({ profileId, features }, 'server features detected')
    return features
  }

  isStale(features: ServerFeatures | null): boolean {
    return !features || this.deps.now() - features.detectedAt > FEATURES_MAX_AGE_MS
  }

  private apply(profile: Profile): GatewayClient {
    const client = this.deps.gateways.forProfile(profile)
    const known = client.features()
    const remembered = profile.features
    if (remembered && (!known || known.detectedAt < remembered.detectedAt)) {
      client.useFeatures(remembered, (learned) => void this.saveLearned(profile.id, learned))
    } else if (!known) {
      client.useFeatures(null, (learned) => void this.saveLearned(profile.id, learned))
    }
    return client
  }

  private async saveLearned(profileId: string, features: ServerFeatures): Promise<void> {
    try {
      await this.save(profileId, features)
      this.deps.logger.info({ profileId, features }, 'server features corrected by an answer')
    } catch (error) {
      this.deps.logger.warn({ profileId, err: String(error) }, 'could not save learned server features')
    }
  }

  private async save(profileId: string, features: ServerFeatures): Promise<void> {
    // The profile may have been removed while the server answered.
    if (!this.deps.store.find(profileId)) return
    const state = await this.deps.store.update((draft) => {
      const profile = draft.profiles.find((candidate) => candidate.id === profileId)
      if (profile) profile.features = features
    })
    this.deps.events.emit('profiles.changed', state)
  }

  private require(profileId: string): Profile {
    const profile = this.deps.store.find(profileId)
    if (!profile) throw new AppError('not-found', 'No such server profile. It may have been removed.')
    return profile
  }
}
