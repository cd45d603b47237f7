import { z } from 'zod'
import type { JsonDocument } from '../storage/json-file'
import type { ServerFiles } from '../storage/server-files'

// Which of a server's Watch entries the user was already told of ("12:low"), kept on disk so a restart
// does not announce them again. Pruned to what is on the Watch now: a token that leaves it (topped up,
// extended, deleted) and comes back later is announced again.

export const WATCH_ANNOUNCED_FILE = 'watch.json'

const announcedSchema = z.object({ keys: z.array(z.string().max(64)).max(100_000) })
type Announced = z.infer<typeof announcedSchema>

export const watchAnnouncedDocument: JsonDocument<Announced> = {
  schema: announcedSchema,
  empty: () => ({ keys: [] }),
}

export class WatchAnnounced {
  constructor(private readonly files: ServerFiles<Announced>) {}

  /**
   * Records `current` as what the server's Watch holds; answers the keys not announced before (the
   * ones to announce now). Keys no longer current are forgotten.
   */
  async advance(profileId: string, current: readonly string[]): Promise<string[]> {
    const file = await this.files.open(profileId)
    const before = new Set(file.value.keys)
    const fresh = current.filter((key) => !before.has(key))
    const unchanged = fresh.length === 0 && before.size === current.length
    if (!unchanged) await file.update(() => ({ keys: [...current] }))
    return fresh
  }

  /** The saved server points at another server now: what was announced there means nothing here. */
  async reset(profileId: string): Promise<void> {
    const file = await this.files.open(profileId)
    await file.update(() => ({ keys: [] }))
  }

  remove(profileId: string): Promise<void> {
    return this.files.remove(profileId)
  }
}
