import { z } from 'zod'
import { tokenSchema, type Token } from '@shared/domain/token'
import type { EventBus } from '../event-bus'
import type { JsonDocument } from '../storage/json-file'
import type { ServerFiles } from '../storage/server-files'

// Each server's token list as last fetched, kept on disk with its fetched-at time: shown when the server
// cannot be reached (offline browsing), and kept current by every write the app makes, whose answers
// carry the rows — so the UI never reads again after its own save. Changes made here are announced with
// the changed rows (`tokens.changed`).

export const TOKEN_CACHE_FILE = 'tokens.json'

export const cachedTokensSchema = z.object({
  /** Unix ms of the last full listing; null when only single rows are known. */
  fetchedAt: z.number().nullable(),
  /** Newest first, as the server lists them. */
  tokens: z.array(tokenSchema),
})
export type CachedTokens = z.infer<typeof cachedTokensSchema>

export const tokenCacheDocument: JsonDocument<CachedTokens> = {
  schema: cachedTokensSchema,
  empty: () => ({ fetchedAt: null, tokens: [] }),
  salvage: (raw) => {
    const list = (raw as { tokens?: unknown } | null)?.tokens
    if (!Array.isArray(list)) return null
    const tokens = list.flatMap((item) => {
      const parsed = tokenSchema.safeParse(item)
      return parsed.success ? [parsed.data] : []
    })
    const fetchedAt = (raw as { fetchedAt?: unknown }).fetchedAt
    return {
      value: { fetchedAt: typeof fetchedAt === 'number' ? fetchedAt : null, tokens },
      dropped: list.length - tokens.length,
    }
  },
}

const newestFirst = (a: Token, b: Token) => b.id - a.id

export class TokenCache {
  constructor(
    private readonly files: ServerFiles<CachedTokens>,
    private readonly events: EventBus,
  ) {}

  async read(profileId: string): Promise<CachedTokens> {
    return (await this.files.open(profileId)).value
  }

  /** A full listing replaces what was kept. */
  async replaceAll(profileId: string, tokens: Token[], fetchedAt: number): Promise<void> {
    const file = await this.files.open(profileId)
    await file.update(() => ({ fetchedAt, tokens }))
  }

  /** Rows the server answered with (updated, created) and ids it no longer has; announced to the UI. */
  async apply(profileId: string, change: { upsert?: Token[]; remove?: number[] }): Promise<void> {
    const upsert = change.upsert ?? []
    const remove = new Set(change.remove ?? [])
    if (upsert.length === 0 && remove.size === 0) return
    const file = await this.files.open(profileId)
    await file.update((current) => {
      const byId = new Map(upsert.map((token) => [token.id, token]))
      const tokens = current.tokens
        .filter((token) => !remove.has(token.id))
        .map((token) => byId.get(token.id) ?? token)
      const known = new Set(tokens.map((token) => token.id))
      for (const token of upsert) if (!known.has(token.id)) tokens.push(token)
      return { fetchedAt: current.fetchedAt, tokens: tokens.sort(newestFirst) }
    })
    this.events.emit('tokens.changed', { profileId, tokens: upsert, removedIds: [...remove] })
  }

  remove(profileId: string): Promise<void> {
    return this.files.remove(profileId)
  }
}
