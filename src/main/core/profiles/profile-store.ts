import { join } from 'node:path'
import { profilesStateSchema, type Profile, type ProfilesState } from '@shared/domain/profile'
import { readJsonFile, writeJsonFile } from '../storage/atomic-json'
import type { Logger } from '../logger'

// profiles.json: the saved servers and which one is active. Never a secret (the schema has no field
// for one, and parsing strips anything unknown).

export class ProfileStore {
  private state: ProfilesState = { profiles: [], activeId: null }
  private queue: Promise<unknown> = Promise.resolve()

  private constructor(
    private readonly path: string,
    private readonly logger: Logger,
  ) {}

  static async open(dataDir: string, logger: Logger, now: () => number): Promise<ProfileStore> {
    const store = new ProfileStore(join(dataDir, 'profiles.json'), logger)
    const outcome = await readJsonFile(store.path, profilesStateSchema, { profiles: [], activeId: null }, now)
    if (outcome.quarantinedTo)
      logger.error({ movedTo: outcome.quarantinedTo }, 'profiles.json was unreadable; moved aside')
    store.state = outcome.value
    return store
  }

  snapshot(): ProfilesState {
    return structuredClone(this.state)
  }

  find(id: string): Profile | undefined {
    return this.state.profiles.find((profile) => profile.id === id)
  }

  active(): Profile | undefined {
    return this.state.activeId ? this.find(this.state.activeId) : undefined
  }

  /**
   * Applies a change and saves it. Updates run one at a time, each on the state the previous one left,
   * so two overlapping saves (say, learned server features landing while a profile is added) can never
   * drop one another.
   */
  update(change: (draft: ProfilesState) => void): Promise<ProfilesState> {
    const run = this.queue.then(async () => {
      const next = structuredClone(this.state)
      change(next)
      const parsed = profilesStateSchema.parse(next)
      await writeJsonFile(this.path, parsed)
      this.state = parsed
      return this.snapshot()
    })
    // A failed update must not block the ones after it; its caller still sees the failure.
    this.queue = run.catch(() => undefined)
    return run
  }
}
