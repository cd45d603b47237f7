import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import type { newProfileSchema, Profile, ProfilesState } from '@shared/domain/profile'
import { AppError } from '@shared/result'
import type { SecretStore } from '../core-types'
import type { EventBus } from '../event-bus'
import type { GatewayRegistry } from '../gateway/gateway-registry'
import type { Logger } from '../logger'
import type { ProfileStore } from './profile-store'

// Adding a server verifies it first (status, then the account behind the access token) so that a typo
// in the address, the user id or the token is reported now, not at the first edit.

type NewProfile = z.output<typeof newProfileSchema>

export interface ProfileServiceDeps {
  store: ProfileStore
  secrets: SecretStore
  gateways: GatewayRegistry
  events: EventBus
  logger: Logger
  now: () => number
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
    const profile: Profile = {
      id: randomUUID(),
      name: input.name,
      baseUrl: input.baseUrl,
      userId: input.userId,
      createdAt: this.deps.now(),
      username: self.display_name || self.username || null,
      server,
      features: null,
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
    if (!this.deps.store.find(id)) throw new AppError('not-found', 'No such server profile.')
    const state = await this.deps.store.update((draft) => {
      draft.profiles = draft.profiles.filter((profile) => profile.id !== id)
      if (draft.activeId === id) draft.activeId = draft.profiles[0]?.id ?? null
    })
    this.deps.gateways.forget(id)
    await this.deps.secrets.delete(id)
    this.deps.events.emit('profiles.changed', state)
    this.deps.logger.info({ profileId: id }, 'profile removed')
  }

  async select(id: string): Promise<ProfilesState> {
    if (!this.deps.store.find(id)) throw new AppError('not-found', 'No such server profile.')
    const state = await this.deps.store.update((draft) => {
      draft.activeId = id
    })
    this.deps.events.emit('profiles.changed', state)
    return state
  }

  require(id: string): Profile {
    const profile = this.deps.store.find(id)
    if (!profile) throw new AppError('not-found', 'No such server profile. It may have been removed.')
    return profile
  }
}
