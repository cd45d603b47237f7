import { join } from 'node:path'
import { z } from 'zod'
import { JsonFile, type JsonFileDeps } from '../storage/json-file'

// The servers this data folder has ever put a keychain entry for, until that entry is deleted: what the
// vault's sweep looks through. The keychain itself is never listed — listing reads every secret, and
// libsecret crashes the process when an entry disappears while it is being read (another process, or
// this one, deleting it). An id is recorded before its entry is written, so a crash in between leaves
// at most an id whose entry does not exist, which the sweep deletes harmlessly.

export const KEYCHAIN_INDEX_FILE = 'keychain-entries.json'

const indexSchema = z.object({ profileIds: z.array(z.string().min(1).max(100)) })
type Index = z.infer<typeof indexSchema>

export class KeychainIndex {
  private constructor(private readonly file: JsonFile<Index>) {}

  /** Opens the index; a data folder from before it existed starts with its saved servers' ids. */
  static async open(deps: JsonFileDeps, savedIds: () => string[]): Promise<KeychainIndex> {
    const file = await JsonFile.open(
      join(deps.root, KEYCHAIN_INDEX_FILE),
      { schema: indexSchema, empty: () => ({ profileIds: savedIds() }) },
      deps,
    )
    return new KeychainIndex(file)
  }

  ids(): string[] {
    return [...this.file.value.profileIds]
  }

  async add(profileId: string): Promise<void> {
    if (this.file.value.profileIds.includes(profileId)) return
    await this.file.update((index) => ({ profileIds: [...new Set([...index.profileIds, profileId])] }))
  }

  async remove(profileId: string): Promise<void> {
    if (!this.file.value.profileIds.includes(profileId)) return
    await this.file.update((index) => ({ profileIds: index.profileIds.filter((id) => id !== profileId) }))
  }
}
