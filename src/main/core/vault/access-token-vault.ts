import type { SecretStore } from '../core-types'
import type { Logger } from '../logger'
import type { KeychainIndex } from './keychain-index'

// Each saved server's access token, by profile id. The keychain entries are scoped to this data folder
// (account = `<scope>:<profile id>`), so two data folders — a second install, a test run, a copied
// profiles.json — never read, replace or delete each other's tokens. Entries of this scope that belong to
// no saved server (a crash between writing the keychain and profiles.json, a remove whose keychain delete
// failed) are swept at start and after such a failure; the sweep goes by the keychain index of this data
// folder (keychain-index.ts), never by listing the keychain. The demo server's token is no secret: it is
// held in memory only and never reaches the keychain.

const RETRY_SWEEP_MS = 60_000

export interface VaultDeps {
  keychain: SecretStore
  /** Short, stable id of this data folder (see keychainScope). */
  scope: string
  /**
   * The saved servers' ids as profiles.json holds them on disk now (the sweep keeps their entries). Read
   * from the file, not from memory: another process (the desktop app and the browser host share a data
   * folder) may have saved a server since. Throws when the file cannot be read: then nothing is swept.
   */
  savedIds: () => Promise<string[]>
  /** The ids this data folder has keychain entries for (or may have: recorded before writing). */
  index: KeychainIndex
  logger: Logger
}

export class AccessTokenVault {
  private readonly inMemory = new Map<string, string>()
  /** Written in this run: a server being added is in the keychain before it is in profiles.json. */
  private readonly written = new Set<string>()
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private sweeping: Promise<void> = Promise.resolve()
  private closed = false

  constructor(private readonly deps: VaultDeps) {}

  private account(profileId: string): string {
    return `${this.deps.scope}:${profileId}`
  }

  /** The server's access token; null when none is stored (a keychain reset, another machine, an import). */
  async get(profileId: string): Promise<string | null> {
    const held = this.inMemory.get(profileId)
    if (held !== undefined) return held
    const scoped = await this.deps.keychain.get(this.account(profileId))
    if (scoped !== null) return scoped
    // Stored before entries were scoped (account = the profile id alone): moved under the scope on use.
    const legacy = await this.deps.keychain.get(profileId)
    if (legacy === null) return null
    await this.deps.index.add(profileId)
    await this.deps.keychain.set(this.account(profileId), legacy)
    await this.deps.keychain.delete(profileId).catch(() => false)
    this.deps.logger.info({ profileId }, 'keychain entry moved under this data folder')
    return legacy
  }

  async set(profileId: string, accessToken: string): Promise<void> {
    this.written.add(profileId)
    await this.deps.index.add(profileId)
    await this.deps.keychain.set(this.account(profileId), accessToken)
  }

  /** Keeps a token that is not a secret (the demo server's) in memory only, for this run. */
  holdInMemory(profileId: string, accessToken: string): void {
    this.inMemory.set(profileId, accessToken)
  }

  /** Forgets a token held in memory only; true (nothing is left anywhere). */
  releaseInMemory(profileId: string): true {
    this.inMemory.delete(profileId)
    return true
  }

  /**
   * Forgets the server's token. A keychain that fails now is tried again later (the entry belongs to no
   * saved server any more, so the sweep removes it): resolves false then, and the caller says so.
   */
  async delete(profileId: string): Promise<boolean> {
    this.inMemory.delete(profileId)
    this.written.delete(profileId)
    try {
      await this.deps.keychain.delete(this.account(profileId))
      await this.deps.index.remove(profileId)
      return true
    } catch (error) {
      this.deps.logger.warn({ profileId, err: String(error) }, 'keychain delete failed; retrying later')
      this.scheduleSweep()
      return false
    }
  }

  /**
   * Deletes the entries of this data folder that belong to no saved server, each on its own: one the
   * keychain refuses does not stop the others (it is tried again later). Answers how many were removed.
   */
  async sweep(): Promise<number> {
    const saved = new Set(await this.deps.savedIds())
    let removed = 0
    let failed = false
    for (const profileId of this.deps.index.ids()) {
      if (saved.has(profileId) || this.written.has(profileId) || this.inMemory.has(profileId)) continue
      try {
        if (await this.deps.keychain.delete(this.account(profileId))) removed += 1
        await this.deps.index.remove(profileId)
      } catch (error) {
        failed = true
        this.deps.logger.warn({ err: String(error) }, 'keychain sweep skipped an entry')
      }
    }
    if (removed > 0) this.deps.logger.info({ removed }, 'removed keychain entries of no saved server')
    if (failed) this.scheduleSweep()
    return removed
  }

  /** Sweeps now (after a sweep under way); a keychain that cannot answer is tried again in a minute. */
  sweepSoon(): Promise<void> {
    this.sweeping = this.sweeping.then(async () => {
      if (this.closed) return
      try {
        await this.sweep()
      } catch (error) {
        this.deps.logger.warn({ err: String(error) }, 'keychain sweep failed; retrying later')
        this.scheduleSweep()
      }
    })
    return this.sweeping
  }

  /** Resolves when no sweep is under way. */
  swept(): Promise<void> {
    return this.sweeping
  }

  private scheduleSweep(): void {
    if (this.retryTimer || this.closed) return
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      void this.sweepSoon()
    }, RETRY_SWEEP_MS)
    this.retryTimer.unref?.()
  }

  /** Stops sweeping; waits for a sweep under way (so nothing deletes after the core is closed). */
  async close(): Promise<void> {
    this.closed = true
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
    await this.sweeping
  }
}
