import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import type { ConnectionReport } from '@shared/domain/connection-report'
import type { Pacing, Profile, ProfilesState } from '@shared/domain/profile'
import type { connectionTestSchema, newProfileSchema, profileEditSchema } from '@shared/domain/profile-input'
import { AppError } from '@shared/result'
import type { EventBus } from '../event-bus'
import { detectFeatures } from '../gateway/detect-features'
import type { GatewayClient } from '../gateway/gateway-client'
import type { GatewayRegistry } from '../gateway/gateway-registry'
import type { Logger } from '../logger'
import type { AccessTokenVault } from '../vault/access-token-vault'
import { checkConnection } from './connection-check'
import { freeName, requireFreeName } from './profile-names'
import type { ProfileStore } from './profile-store'

// The saved servers: add, edit, replace the access token, duplicate, reorder, select, remove.
// Whatever changes how TokenDesk reaches a server (address, user id, access token) is checked against
// the server first (connection-check.ts), so a typo is reported now, not at the first edit. What the
// server can do is detected then too (server features; the registry keeps that memory fresh afterwards).

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

  /** Checks what the form holds now; a saved server's stored access token stands in for an empty field. */
  async test(input: ConnectionTest): Promise<ConnectionReport> {
    const accessToken =
      input.accessToken ?? (input.profileId ? await this.storedToken(input.profileId) : null)
    if (!accessToken) {
      throw new AppError('validation', 'Enter the access token to test the connection.', {
        fields: [{ path: 'accessToken', key: 'accessToken.required' }],
      })
    }
    return this.check(input.baseUrl, input.userId, accessToken)
  }

  async add(input: NewProfile): Promise<Profile> {
    requireFreeName(input.name, this.names())
    const { report, features } = await this.verify(input.baseUrl, input.userId, input.accessToken)
    const profile: Profile = {
      id: randomUUID(),
      name: input.name,
      baseUrl: input.baseUrl,
      userId: input.userId,
      createdAt: this.deps.now(),
      username: report.user.displayName ?? report.user.username,
      server: report.server,
      features,
      pacing: null,
      allowInsecureHttp: input.allowInsecureHttp,
      production: input.production,
      demo: false,
      accessTokenSetAt: this.deps.now(),
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

  /** Saves an edit. A new access token (write-only) or a changed address or user id is verified first. */
  async update(input: ProfileEdit): Promise<Profile> {
    const current = this.require(input.id)
    requireFreeName(input.name, this.names(input.id))
    const reconnects =
      input.accessToken !== undefined || input.baseUrl !== current.baseUrl || input.userId !== current.userId
    if (current.demo && (input.baseUrl !== current.baseUrl || input.userId !== current.userId)) {
      throw new AppError('validation', 'The demo server runs inside TokenDesk; only its name can change.', {
        fields: [{ path: 'baseUrl', key: 'baseUrl.demo' }],
      })
    }
    let verified: Awaited<ReturnType<ProfileService['verify']>> | null = null
    if (reconnects && !current.demo) {
      const accessToken = input.accessToken ?? (await this.storedToken(input.id))
      if (!accessToken) {
        throw new AppError('access-token-missing', 'No access token is stored for this server.', {
          fields: [{ path: 'accessToken', key: 'connection.tokenMissing' }],
        })
      }
      verified = await this.verify(input.baseUrl, input.userId, accessToken)
    }
    if (input.accessToken !== undefined && !current.demo)
      await this.deps.secrets.set(input.id, input.accessToken)
    const now = this.deps.now()
    await this.save((draft) => {
      const profile = draft.profiles.find((candidate) => candidate.id === input.id)
      if (!profile) throw new AppError('not-found', 'No such server profile. It may have been removed.')
      Object.assign(profile, {
        name: input.name,
        baseUrl: input.baseUrl,
        userId: input.userId,
        allowInsecureHttp: input.allowInsecureHttp,
        production: input.production,
      })
      if (input.accessToken !== undefined) profile.accessTokenSetAt = now
      if (verified) {
        profile.server = verified.report.server
        profile.username = verified.report.user.displayName ?? verified.report.user.username
        profile.features = verified.features
      }
    })
    if (reconnects) {
      // The client holds the old address and token: the next request builds a new one.
      this.deps.gateways.forget(input.id)
      this.deps.reconnected(input.id)
    }
    this.deps.edited(input.id)
    this.deps.logger.info({ profileId: input.id, reconnects }, 'profile edited')
    return this.require(input.id)
  }

  /** A copy under a free name, with its own keychain entry holding the same access token. */
  async duplicate(id: string): Promise<Profile> {
    const original = this.require(id)
    if (original.demo) {
      throw new AppError('validation', 'The demo server cannot be duplicated.')
    }
    const copy: Profile = {
      ...structuredClone(original),
      id: randomUUID(),
      name: freeName(original.name, this.names()),
      createdAt: this.deps.now(),
    }
    const accessToken = await this.storedToken(id)
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
    await this.deps.forgetServer(id)
    // The server is gone whatever the keychain says; a delete that fails now is retried later.
    // The demo's token was never in the keychain: there is nothing to delete (or to fail deleting) there.
    const keychainCleared = demo ? this.deps.secrets.releaseInMemory(id) : await this.deps.secrets.delete(id)
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

  private storedToken(id: string): Promise<string | null> {
    this.require(id)
    return this.deps.secrets.get(id)
  }

  private check(baseUrl: string, userId: number, accessToken: string): Promise<ConnectionReport> {
    return checkConnection(this.connection(baseUrl, userId, accessToken), userId, this.deps.now)
  }

  private connection(baseUrl: string, userId: number, accessToken: string): GatewayClient {
    return this.deps.gateways.forConnection({ baseUrl, userId, accessToken: async () => accessToken })
  }

  /** The connection check, then what the server can do (null — detected on first listing — if that fails). */
  private async verify(baseUrl: string, userId: number, accessToken: string) {
    const gateway = this.connection(baseUrl, userId, accessToken)
    const report = await checkConnection(gateway, userId, this.deps.now)
    try {
      return { report, features: await detectFeatures(gateway, this.deps.now) }
    } catch (error) {
      const code = error instanceof AppError ? error.code : 'internal'
      this.deps.logger.warn({ baseUrl, code }, 'server feature detection failed; will retry on listing')
      return { report, features: null }
    }
  }
}
