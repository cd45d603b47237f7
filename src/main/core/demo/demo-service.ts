import type { SandboxGateway } from '../../../sandbox/index'
import type { Profile, ProfilesState } from '@shared/domain/profile'
import type { EventBus } from '../event-bus'
import type { GatewayRegistry } from '../gateway/gateway-registry'
import type { Logger } from '../logger'
import type { ProfileStore } from '../profiles/profile-store'
import type { AccessTokenVault } from '../vault/access-token-vault'
import { startDemoGateway } from './demo-gateway'
import { describeDemoServer } from './demo-profile'

// "Try the demo server": a saved server like any other (browsed, edited, synced, removed the usual way)
// whose gateway TokenDesk runs itself. The gateway lives only as long as this process, so:
// - the saved entry outlives it, and each start brings the gateway back on a new free port, pointing the
//   entry at it (a fixed port could be taken by then);
// - its access token is made anew with each gateway and held in memory only — no keychain needed;
// - once the entry is removed (profiles.remove, any way at all) the gateway stops: this watches the
//   saved servers rather than hooking into removal, so no other part has to know about the demo.
// Starts, resumes and stops run one at a time, so a stop can never race a start half done.

export interface DemoServiceDeps {
  store: Pick<ProfileStore, 'snapshot' | 'find' | 'update'>
  vault: Pick<AccessTokenVault, 'holdInMemory'>
  gateways: GatewayRegistry
  events: EventBus
  logger: Logger
  now: () => number
}

export class DemoService {
  private gateway: SandboxGateway | null = null
  private queue: Promise<unknown> = Promise.resolve()
  private closed = false
  private readonly unsubscribe: () => void

  constructor(private readonly deps: DemoServiceDeps) {
    this.unsubscribe = deps.events.subscribe((event, payload) => {
      if (event !== 'profiles.changed' || !this.gateway) return
      if ((payload as ProfilesState).profiles.some((profile) => profile.demo)) return
      void this.serial(() => this.stopIfRemoved())
    })
  }

  /** Runs the demo gateway, saves the demo server once (or reuses it), makes it active, returns it. */
  start(): Promise<Profile> {
    return this.serial(async () => {
      const gateway = await this.running()
      let profile = this.saved()
      if (profile) {
        await this.pointAt(profile, gateway)
      } else {
        profile = await describeDemoServer(this.deps.gateways, gateway, this.deps.now)
        // Held before the entry is saved: the window lists its tokens the moment it hears of it.
        this.deps.vault.holdInMemory(profile.id, gateway.accessToken)
        const added = profile
        await this.deps.store.update((draft) => void draft.profiles.push(added))
        this.deps.logger.info({ profileId: profile.id, baseUrl: gateway.baseUrl }, 'demo server added')
      }
      const id = profile.id
      const state = await this.deps.store.update((draft) => {
        draft.activeId = id
      })
      this.deps.events.emit('profiles.changed', state)
      return this.deps.store.find(id) ?? profile
    })
  }

  /** At core start: a saved demo server gets its gateway back. A failure is logged, never fatal. */
  async resume(): Promise<void> {
    if (!this.saved()) return
    try {
      await this.serial(async () => {
        const profile = this.saved()
        if (profile) await this.pointAt(profile, await this.running())
      })
    } catch (error) {
      this.deps.logger.error({ err: String(error) }, 'demo server could not be started')
    }
  }

  /** Stops the gateway (core shutdown). */
  async close(): Promise<void> {
    this.closed = true
    this.unsubscribe()
    await this.serial(() => this.stop())
  }

  /** The one demo server saved (should a copied profiles.json hold two, the first). */
  private saved(): Profile | undefined {
    return this.deps.store.snapshot().profiles.find((profile) => profile.demo)
  }

  private async running(): Promise<SandboxGateway> {
    if (this.closed) throw new Error('the core is closing')
    if (!this.gateway) {
      this.gateway = await startDemoGateway()
      this.deps.logger.info({ baseUrl: this.gateway.baseUrl }, 'demo gateway started')
    }
    return this.gateway
  }

  /** Points the saved entry at the gateway running now: its address and its (new) access token. */
  private async pointAt(profile: Profile, gateway: SandboxGateway): Promise<void> {
    this.deps.vault.holdInMemory(profile.id, gateway.accessToken)
    if (profile.baseUrl === gateway.baseUrl) return
    const state = await this.deps.store.update((draft) => {
      const saved = draft.profiles.find((candidate) => candidate.id === profile.id)
      if (saved) saved.baseUrl = gateway.baseUrl
    })
    // A client made for the old address (and the token it read) must not be used again.
    this.deps.gateways.forget(profile.id)
    this.deps.events.emit('profiles.changed', state)
  }

  private async stopIfRemoved(): Promise<void> {
    if (!this.saved()) await this.stop()
  }

  private async stop(): Promise<void> {
    const gateway = this.gateway
    this.gateway = null
    if (!gateway) return
    await gateway.close()
    this.deps.logger.info({ baseUrl: gateway.baseUrl }, 'demo gateway stopped')
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task)
    this.queue = run.catch(() => undefined)
    return run
  }
}
