import { join } from 'node:path'
import { JsonFile, type JsonDocument, type JsonFileDeps } from './json-file'
import { serverFolder } from './server-folder'

// One kind of per-server file (the token cache, the outbox): opened on first use, then kept open.

export class ServerFiles<T> {
  private readonly files = new Map<string, Promise<JsonFile<T>>>()

  constructor(
    private readonly name: string,
    private readonly doc: JsonDocument<T>,
    private readonly deps: JsonFileDeps,
  ) {}

  open(profileId: string): Promise<JsonFile<T>> {
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
    this.files.delete(profileId)
    await file.remove()
  }

  /** Waits until every open file has written what it was asked to. */
  async settled(): Promise<void> {
    for (const file of this.files.values()) await (await file.catch(() => null))?.settled()
  }
}
