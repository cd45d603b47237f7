import { join } from 'node:path'
import { JsonFile, type JsonDocument, type JsonFileDeps } from './json-file'
import { serverFolder } from './server-folder'

// One kind of per-server file (the token cache, the outbox): opened on first use, then kept open.

export class ServerFiles<T> {
  private readonly files = new Map<string, Promise<JsonFile<T>>>()
  /** Servers whose files were removed: a late write (a sync finishing) must not bring them back. */
  private readonly removed = new Set<string>()

  constructor(
    private readonly name: string,
    private readonly doc: JsonDocument<T>,
    private readonly deps: JsonFileDeps,
  ) {}

  open(profileId: string): Promise<JsonFile<T>> {
    if (this.removed.has(profileId)) return Promise.reject(new Error('that server was removed'))
    let file = this.files.get(profileId)
    if (!file) {
      file = JsonFile.open(join(serverFolder(this.deps.root, profileId), this.name), this.doc, this.deps)
      // A file that failed to open is tried again next time rather than remembered as failed.
      file.catch(() => this.files.delete(profileId))
      this.files.set(profileId, file)
    }
    return file
  }

  /** Deletes the server's file (and its backup) after the writes already asked for. */
  async remove(profileId: string): Promise<void> {
    const file = await this.open(profileId)
    this.removed.add(profileId)
    this.files.delete(profileId)
    await file.remove()
  }
}
