import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import type { newProfileSchema, Pacing, Profile, ProfilesState } from '@shared/domain/profile'
import { AppError } from '@shared/result'
import type { SecretStore } from '../core-types'
import type { EventBus } from '../event-bus'
import { detectFeatures } from '../gateway/detect-features'
import type { GatewayClient } from '../gateway/gateway-client'
import type { GatewayRegistry } from '../gateway/gateway-registry'
import type { Logger } from '../logger'
import type { ProfileStore } from './profile-store'

// Adding a server verifies it first (status, then the account behind the access token) so that a typo
// in the address, the user id or the token is reported now, not at the first edit. It also detects what
// the server can do (server-features.ts keeps that memory fresh afterwards).

type NewProfile = z.output<typeof newProfileSchema>

export interface ProfileServiceDeps {
  store: ProfileStore
  secrets: SecretStore
  gateways: GatewayRegistry
  events: EventBus
  logger: Logger
  now: () => number
  /** Drops everything else kept for a removed server: its connection, outbox, token cache. */
  forgetServer: (profileId: string) => Promise<void>
}

export class ProfileService {
  constructor(private readonly deps: ProfileServiceDeps) {}

  list(): ProfilesState {
    return this.deps.store.snapshot()
  }

  async add(input: NewProfile): Promise<Profile> {
    const gateway = this.deps.gateways.forConnection({
      baseUrl: input.baseUrl,
      userId: input.userId,
      accessToken: async () => input.accessToken,
    })
    const server = await gateway.status()
    const self = await gateway.userSelf()
    if (self.id !== input.userId) {
      throw new AppError('auth', `The access token belongs to user ${self.id}, not user ${input.userId}.`, {
        fields: [{ path: 'userId', key: 'userId.mismatch', params: { actual: self.id } }],
      })
    }
    const features = await this.detect(gateway, input.baseUrl)
    const profile: Profile = {
      id: randomUUID(),
      name: input.name,
      baseUrl: input.baseUrl,
      userId: input.userId,
      createdAt: this.deps.now(),
      username: self.display_name || self.username || null,
      server,
      features,
      pacing: null,
    }
    await this.deps.secrets.set(profile.id, input.accessToken)
    try {
      const state = await this.deps.store.update((draft) => {
        draft.profiles.push(profile)
        draft.activeId ??= profile.id
      })
      this.deps.events.emit('profiles.changed', state)
    } catch (error) {
      // Do not leave an orphaned secret in the keychain when the profile could not be saved.
      await this.deps.secrets.delete(profile.id).catch(() => false)
      throw error
    }
    this.deps.logger.info({ profileId: profile.id, baseUrl: profile.baseUrl }, 'profile added')
    return profile
  }

  async remove(id: string): Promise<void> {
    this.deps.store.require(id)
    const state = await this.deps.store.update((draft) => {
      draft.profiles = draft.profiles.filter((profile) => profile.id !== id)
      if (draft.activeId === id) draft.activeId = draft.profiles[0]?.id ?? null
    })
    this.deps.gateways.forget(id)
    // The profile is gone: say so before touching the keychain, so a keychain failure cannot leave the
    // UI showing a server that no longer exists.
    this.deps.events.emit('profiles.changed', state)
    this.deps.logger.info({ profileId: id }, 'profile removed')
    await this.deps.forgetServer(id)
    await this.deps.secrets.delete(id)
  }

  async select(id: string): Promise<ProfilesState> {
    this.deps.store.require(id)
    const state = await this.deps.store.update((draft) => {
      draft.activeId = id
    })
    this.deps.events.emit('profiles.changed', state)
    return state
  }

  /** What the server can do, saved with the profile; null (detected on first listing) if probing fails. */
  private async detect(gateway: GatewayClient, baseUrl: string) {
    try {
      return await detectFeatures(gateway, this.deps.now)
    } catch (error) {
      const code = error instanceof AppError ? error.code : 'internal'
      this.deps.logger.warn({ baseUrl, code }, 'server feature detection failed; will retry on listing')
      return null
    }
  }

  async setPacing(id: string, pacing: Pacing | null): Promise<Profile> {
    this.require(id)
    const state = await this.deps.store.update((draft) => {
      const profile = draft.profiles.find((candidate) => candidate.id === id)
      if (profile) profile.pacing = pacing
    })
    this.deps.events.emit('profiles.changed', state)
    this.deps.logger.info({ profileId: id, pacing }, 'profile pacing changed')
    // The gateway client picks the new budget up on its next use (GatewayRegistry.client).
    return this.require(id)
  }

  require(id: string): Profile {
    return this.deps.store.require(id)
  }
}
