import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import type { ConnectionReport } from '@shared/domain/connection-report'
import type { Pacing, Profile, ProfilesState } from '@shared/domain/profile'
import type { WatchSettings } from '@shared/domain/watch-settings'
import type { connectionTestSchema, newProfileSchema, profileEditSchema } from '@shared/domain/profile-input'
import { isSavedAddress } from '@shared/domain/server-address'
import { AppError } from '@shared/result'
import type { EventBus } from '../event-bus'
import type { GatewayClient } from '../gateway/gateway-client'
import type { GatewayRegistry } from '../gateway/gateway-registry'
import type { Logger } from '../logger'
import type { AccessTokenVault } from '../vault/access-token-vault'
import { checkConnection, verifyServer, type VerifiedServer } from './connection-check'
import { freeName, requireFreeName } from './profile-names'
import type { ProfileStore } from './profile-store'

// The saved servers: add, edit, replace the access token, duplicate, reorder, select, remove.
// Whatever changes how TokenDesk reaches a server (address, user id, access token) is checked against
// the server first (connection-check.ts), so a typo is reported now, not at the first edit. A stored
// access token is only ever sent to the address it was stored for.

type NewProfile = z.output<typeof newProfileSchema>
type ProfileEdit = z.output<typeof profileEditSchema>
type ConnectionTest = z.output<typeof connectionTestSchema>

export interface ProfileServiceDeps {
  store: ProfileStore
  secrets: AccessTokenVault
  gateways: GatewayRegistry
  events: EventBus
  logger: Logger
  now: () => number
  /** Drops everything else kept for a removed server: its connection, outbox, token cache. */
  forgetServer: (profileId: string) => Promise<void>
  /** Drafts of the server not yet on it: an address or account change must not send them elsewhere. */
  unsynced: (profileId: string) => Promise<number>
  /** The saved server is another server now (address or user id): drop what was kept of the old one. */
  retargeted: (profileId: string) => Promise<void>
  /** How the server is reached changed (address, user id, access token): look again, send what waits. */
  reconnected: (profileId: string) => void
  /** The server's settings changed (its production mark decides whether drafts go out by themselves). */
  edited: (profileId: string) => void
}

export interface RemoveOutcome {
  /** False when the keychain could not delete the access token now (TokenDesk retries it later). */
  keychainCleared: boolean
}

export class ProfileService {
  constructor(private readonly deps: ProfileServiceDeps) {}

  list(): ProfilesState {
    return this.deps.store.snapshot()
  }

  require(id: string): Profile {
    return this.deps.store.require(id)
  }

  /** Checks what the form holds now; a saved server's stored token stands in only at its own address. */
  async test(input: ConnectionTest): Promise<ConnectionReport> {
    const saved = input.profileId ? this.require(input.profileId) : null
    const stored =
      saved && isSavedAddress(saved.baseUrl, input.baseUrl) ? await this.deps.secrets.get(saved.id) : null
    const accessToken = input.accessToken ?? stored
    if (!accessToken) {
      throw new AppError('validation', 'Enter the access token to test the connection.', {
        fields: [{ path: 'accessToken', key: 'accessToken.required' }],
      })
    }
    return checkConnection(
      this.connection(input.baseUrl, input.userId, accessToken),
      input.userId,
      this.deps.now,
    )
  }

  async add(input: NewProfile): Promise<Profile> {
    requireFreeName(input.name, this.names())
    const { report, features } = await this.verify(input.baseUrl, input.userId, input.accessToken)
    const now = this.deps.now()
    const profile: Profile = {
      id: randomUUID(),
      name: input.name,
      baseUrl: input.baseUrl,
      userId: input.userId,
      createdAt: now,
      username: report.user.displayName ?? report.user.username,
      server: report.server,
      features,
      pacing: null,
      watch: null,
      allowInsecureHttp: input.allowInsecureHttp,
      production: input.production,
      multiGroup: input.multiGroup,
      groupListSeen: false,
      demo: false,
      accessTokenSetAt: now,
    }
    // Keychain first: a crash before profiles.json is written leaves an entry of no server, which the
    // vault's sweep removes at the next start; the other order would leave a server without its token.
    await this.deps.secrets.set(profile.id, input.accessToken)
    try {
      await this.save((draft) => {
        requireFreeName(
          profile.name,
          draft.profiles.map((saved) => saved.name),
        )
        draft.profiles.push(profile)
        draft.activeId ??= profile.id
      })
    } catch (error) {
      await this.deps.secrets.delete(profile.id)
      throw error
    }
    this.deps.logger.info({ profileId: profile.id, baseUrl: profile.baseUrl }, 'profile added')
    return profile
  }

  /**
   * Saves an edit. A new access token (write-only), a changed address or user id is verified first. A
   * changed address or user id makes it another server: refused while drafts wait for the old one (they
   * would go to the new one), a new address needs the access token typed again (the stored one never
   * travels to a new address), and what was kept of the old server's tokens is dropped.
   */
  async update(input: ProfileEdit): Promise<Profile> {
    const current = this.require(input.id)
    requireFreeName(input.name, this.names(input.id))
    // The address as saved, unless the user changed it (an older normalisation is not a change).
    const baseUrl = isSavedAddress(current.baseUrl, input.baseUrl) ? current.baseUrl : input.baseUrl
    const moved = baseUrl !== current.baseUrl
    const retargets = moved || input.userId !== current.userId
    const reconnects = input.accessToken !== undefined || retargets
    if (current.demo && retargets) {
      throw new AppError('validation', 'The demo server runs inside TokenDesk; only its name can change.', {
        fields: [{ path: 'baseUrl', key: 'baseUrl.demo' }],
      })
    }
    if (retargets) await this.requireNoDrafts(current, moved)
    if (moved && input.accessToken === undefined) {
      throw new AppError('validation', 'Enter the access token again for the new address.', {
        fields: [{ path: 'accessToken', key: 'accessToken.newAddress' }],
      })
    }
    let verified: VerifiedServer | null = null
    if (reconnects && !current.demo) {
      const accessToken = input.accessToken ?? (await this.deps.secrets.get(input.id))
      if (!accessToken) {
        throw new AppError('access-token-missing', 'No access token is stored for this server.', {
          fields: [{ path: 'accessToken', key: 'connection.tokenMissing' }],
        })
      }
      verified = await this.verify(baseUrl, input.userId, accessToken)
    }
    await this.withToken(current, input.accessToken, () => this.saveEdit(input, baseUrl, verified))
    if (reconnects) {
      // The client holds the old address and token: the next request builds a new one.
      this.deps.gateways.forget(input.id)
      if (retargets) await this.deps.retargeted(input.id)
      this.deps.reconnected(input.id)
    }
    this.deps.edited(input.id)
    this.deps.logger.info({ profileId: input.id, reconnects, retargets }, 'profile edited')
    return this.require(input.id)
  }

  /** A copy under a free name, with its own keychain entry holding the same access token. */
  async duplicate(id: string): Promise<Profile> {
    const original = this.require(id)
    if (original.demo) throw new AppError('validation', 'The demo server cannot be duplicated.')
    const copy: Profile = {
      ...structuredClone(original),
      id: randomUUID(),
      name: freeName(original.name, this.names()),
      createdAt: this.deps.now(),
    }
    const accessToken = await this.deps.secrets.get(id)
    if (accessToken) await this.deps.secrets.set(copy.id, accessToken)
    else copy.accessTokenSetAt = null
    await this.save((draft) => {
      const at = draft.profiles.findIndex((profile) => profile.id === id)
      draft.profiles.splice(at < 0 ? draft.profiles.length : at + 1, 0, copy)
    })
    this.deps.logger.info({ profileId: copy.id, from: id }, 'profile duplicated')
    return copy
  }

  /** The servers in the order the user arranged them: exactly the saved ids, each once. */
  async reorder(ids: readonly string[]): Promise<ProfilesState> {
    return this.save((draft) => {
      const saved = draft.profiles.map((profile) => profile.id)
      const same = ids.length === saved.length && new Set(ids).size === ids.length
      if (!same || !saved.every((id) => ids.includes(id))) {
        throw new AppError('conflict', 'The list of servers changed meanwhile. Try again.')
      }
      draft.profiles.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))
    })
  }

  async remove(id: string): Promise<RemoveOutcome> {
    const { demo } = this.require(id)
    await this.save((draft) => {
      draft.profiles = draft.profiles.filter((profile) => profile.id !== id)
      if (draft.activeId === id) draft.activeId = draft.profiles[0]?.id ?? null
    })
    this.deps.gateways.forget(id)
    this.deps.logger.info({ profileId: id }, 'profile removed')
    // The server is gone: its token goes too, whatever became of its files. A keychain delete that fails
    // now is retried later; the demo's token was never in the keychain.
    const forgetting = this.deps.forgetServer(id)
    const keychainCleared = demo ? this.deps.secrets.releaseInMemory(id) : await this.deps.secrets.delete(id)
    await forgetting
    return { keychainCleared }
  }

  async select(id: string): Promise<ProfilesState> {
    this.require(id)
    return this.save((draft) => {
      draft.activeId = id
    })
  }

  async setPacing(id: string, pacing: Pacing | null): Promise<Profile> {
    this.require(id)
    await this.save((draft) => {
      const profile = draft.profiles.find((candidate) => candidate.id === id)
      if (profile) profile.pacing = pacing
    })
    this.deps.logger.info({ profileId: id, pacing }, 'profile pacing changed')
    // The gateway client picks the new budget up on its next use (GatewayRegistry.client).
    return this.require(id)
  }

  /** The Watch's thresholds for the server (null: the defaults); the Watch follows `profiles.changed`. */
  async setWatch(id: string, watch: WatchSettings | null): Promise<Profile> {
    this.require(id)
    await this.save((draft) => {
      const profile = draft.profiles.find((candidate) => candidate.id === id)
      if (profile) profile.watch = watch
    })
    this.deps.logger.info({ profileId: id, watch }, 'profile watch thresholds changed')
    return this.require(id)
  }

  /** Runs the save with the new access token in the keychain; if the save fails, the old one is back. */
  private async withToken(current: Profile, accessToken: string | undefined, save: () => Promise<void>) {
    if (accessToken === undefined || current.demo) return save()
    const previous = await this.deps.secrets.get(current.id)
    await this.deps.secrets.set(current.id, accessToken)
    try {
      await save()
    } catch (error) {
      if (previous) await this.deps.secrets.set(current.id, previous).catch(() => undefined)
      else await this.deps.secrets.delete(current.id)
      throw error
    }
  }

  private async saveEdit(input: ProfileEdit, baseUrl: string, verified: VerifiedServer | null) {
    const now = this.deps.now()
    await this.save((draft) => {
      const profile = draft.profiles.find((candidate) => candidate.id === input.id)
      if (!profile) throw new AppError('not-found', 'No such server profile. It may have been removed.')
      Object.assign(profile, {
        name: input.name,
        baseUrl,
        userId: input.userId,
        allowInsecureHttp: input.allowInsecureHttp,
        production: input.production,
      })
      if (input.multiGroup !== undefined) profile.multiGroup = input.multiGroup
      if (input.accessToken !== undefined) profile.accessTokenSetAt = now
      if (verified) {
        profile.server = verified.report.server
        profile.username = verified.report.user.displayName ?? verified.report.user.username
        profile.features = verified.features
      }
    })
  }

  private async requireNoDrafts(current: Profile, moved: boolean): Promise<void> {
    const count = await this.deps.unsynced(current.id)
    if (count === 0) return
    throw new AppError('conflict', `${count} draft(s) still wait for this server.`, {
      fields: [{ path: moved ? 'baseUrl' : 'userId', key: 'profile.draftsWaiting', params: { count } }],
    })
  }

  private names(except?: string): string[] {
    return this.deps.store
      .snapshot()
      .profiles.filter((profile) => profile.id !== except)
      .map((profile) => profile.name)
  }

  private async save(change: (draft: ProfilesState) => void): Promise<ProfilesState> {
    const state = await this.deps.store.update(change)
    this.deps.events.emit('profiles.changed', state)
    return state
  }

  private connection(baseUrl: string, userId: number, accessToken: string): GatewayClient {
    return this.deps.gateways.forConnection({ baseUrl, userId, accessToken: async () => accessToken })
  }

  private verify(baseUrl: string, userId: number, accessToken: string): Promise<VerifiedServer> {
    const gateway = this.connection(baseUrl, userId, accessToken)
    return verifyServer(gateway, userId, this.deps.now, this.deps.logger)
  }
}
