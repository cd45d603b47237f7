import type { SecretStore } from '../core-types'
import type { Logger } from '../logger'

// Each saved server's access token, by profile id. The keychain entries are scoped to this data folder
// (account = `<scope>:<profile id>`), so two data folders — a second install, a test run, a copied
// profiles.json — never read, replace or delete each other's tokens. Entries of this scope that belong to
// no saved server (a crash between writing the keychain and profiles.json, a remove whose keychain delete
// failed) are swept at start and after such a failure. The demo server's token is no secret: it is held
// in memory only and never reaches the keychain.

const RETRY_SWEEP_MS = 60_000

export interface VaultDeps {
  keychain: SecretStore
  /** Short, stable id of this data folder (see keychainScope). */
  scope: string
  /** The saved servers' ids now (the sweep keeps their entries). */
  savedIds: () => string[]
  logger: Logger
}

export class AccessTokenVault {
  private readonly inMemory = new Map<string, string>()
  /** Written in this run: a server being added is in the keychain before it is in profiles.json. */
  private readonly written = new Set<string>()
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private closed = false

  constructor(private readonly deps: VaultDeps) {}

  private account(profileId: string): string {
    return `${this.deps.scope}:${profileId}`
  }

  /** The server's access token; null when none is stored (a keychain reset, another machine, an import). */
  async get(profileId: string): Promise<string | null> {
    const held = this.inMemory.get(profileId)
    if (held !== undefined) return held
    return this.deps.keychain.get(this.account(profileId))
  }

  async set(profileId: string, accessToken: string): Promise<void> {
    this.written.add(profileId)
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
      return true
    } catch (error) {
      this.deps.logger.warn({ profileId, err: String(error) }, 'keychain delete failed; retrying later')
      this.scheduleSweep()
      return false
    }
  }

  /**
   * Removes this scope's entries that belong to no saved server. Entries without a scope (written before
   * scoping) are moved under it for the saved servers they belong to. Answers how many were removed.
   */
  async sweep(): Promise<number> {
    const saved = new Set(this.deps.savedIds())
    const prefix = `${this.deps.scope}:`
    const accounts = await this.deps.keychain.accounts()
    let removed = 0
    for (const account of accounts) {
      if (account.startsWith(prefix)) {
        const profileId = account.slice(prefix.length)
        if (saved.has(profileId) || this.written.has(profileId)) continue
        if (await this.deps.keychain.delete(account)) removed += 1
      } else if (saved.has(account) && !accounts.includes(this.account(account))) {
        const legacy = await this.deps.keychain.get(account)
        if (legacy) await this.deps.keychain.set(this.account(account), legacy)
        await this.deps.keychain.delete(account)
      }
    }
    if (removed > 0) this.deps.logger.info({ removed }, 'removed keychain entries of no saved server')
    return removed
  }

  /** Sweeps now; a keychain that cannot answer is tried again in a minute. Never throws. */
  async sweepSoon(): Promise<void> {
    try {
      await this.sweep()
    } catch (error) {
      this.deps.logger.warn({ err: String(error) }, 'keychain sweep failed; retrying later')
      this.scheduleSweep()
    }
  }

  private scheduleSweep(): void {
    if (this.retryTimer || this.closed) return
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null
      void this.sweepSoon()
    }, RETRY_SWEEP_MS)
    this.retryTimer.unref?.()
  }

  close(): void {
    this.closed = true
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
  }
}
