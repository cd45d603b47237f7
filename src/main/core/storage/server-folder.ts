import { createHash } from 'node:crypto'
import { join } from 'node:path'

// Each saved server keeps its files (token cache, outbox) in a folder of its own under `servers/`, named
// after the profile id. Ids are UUIDs made by main, but profiles.json is a file a user can edit: an id that
// is not a plain name becomes a hash, so no id can point outside the data folder.

export function serverFolder(dataDir: string, profileId: string): string {
  const safe = /^[A-Za-z0-9_-]{1,64}$/.test(profileId)
    ? profileId
    : createHash('sha256').update(profileId).digest('hex').slice(0, 32)
  return join(dataDir, 'servers', safe)
}
