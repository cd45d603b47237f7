import type { ServerView } from '@shared/domain/server-view'
import { serverViewSchema } from '@shared/domain/server-view-schema'
import type { JsonDocument } from '../storage/json-file'
import type { ServerFiles } from '../storage/server-files'

// Each server's view state (shared/domain/server-view.ts) in its own folder, beside its outbox and token
// cache, so it goes with the server when the server is removed.

export const SERVER_VIEW_FILE = 'view.json'

export const serverViewDocument: JsonDocument<ServerView> = {
  schema: serverViewSchema,
  empty: () => serverViewSchema.parse({}),
}

export class ServerViews {
  constructor(private readonly files: ServerFiles<ServerView>) {}

  async get(profileId: string): Promise<ServerView> {
    return structuredClone((await this.files.open(profileId)).value)
  }

  async set(profileId: string, view: ServerView): Promise<void> {
    const file = await this.files.open(profileId)
    await file.update(() => view)
  }

  remove(profileId: string): Promise<void> {
    return this.files.remove(profileId)
  }
}
