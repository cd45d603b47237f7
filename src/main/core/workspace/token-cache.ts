import { z } from 'zod'
import { tokenSchema, type Token } from '@shared/domain/token'
import type { EventBus } from '../event-bus'
import type { JsonDocument, UpdateOptions } from '../storage/json-file'
import type { ServerFiles } from '../storage/server-files'

// Each server's token list as last fetched, kept on disk with its fetched-at time: shown when the server
// cannot be reached (offline browsing), and kept current by every write the app makes, whose answers
// carry the rows — so the UI never reads again after its own save. Changes made here are announced with
// the changed rows (`tokens.changed`). A listing that was under way while a write landed does not undo
// the write's row. Plaintext keys are never written to disk.

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

/**
 * Keys stay off the disk: a masked key (first 4 + stars + last 4, as current servers send it) is kept, a
 * plaintext one (older servers, some forks) is masked the same way first.
 */
export function withMaskedKey(token: Token): Token {
  const key = token.key
  if (!key || key.includes('*')) return token
  return { ...token, key: key.length > 8 ? `${key.slice(0, 4)}**********${key.slice(-4)}` : '**********' }
}

/** Rows changed by writes while a listing was under way, to lay over its (older) answer. */
interface Change {
  upsert: Token[]
  remove: Set<number>
}

function applied(tokens: readonly Token[], change: Change): Token[] {
  const byId = new Map(change.upsert.map((token) => [token.id, token]))
  const next = tokens
    .filter((token) => !change.remove.has(token.id))
    .map((token) => byId.get(token.id) ?? token)
  const known = new Set(next.map((token) => token.id))
  for (const token of change.upsert) if (!known.has(token.id)) next.push(token)
  return next.sort(newestFirst)
}

export class TokenCache {
  /** Per server: changes since each listing began (a listing takes a ticket, see `listing`). */
  private readonly logs = new Map<string, { start: number; changes: Change[] }>()

  constructor(
    private readonly files: ServerFiles<CachedTokens>,
    private readonly events: EventBus,
  ) {}

  async read(profileId: string): Promise<CachedTokens> {
    return (await this.files.open(profileId)).value
  }

  /** Notes that a listing starts: writes from now on are laid over its answer (replaceAll). */
  listing(profileId: string): number {
    const log = this.logs.get(profileId) ?? { start: 0, changes: [] }
    this.logs.set(profileId, log)
    return log.start + log.changes.length
  }

  /**
   * A full listing replaces what was kept — except rows written after the listing began (the write's
   * answer is newer than the listing's). Returns the list with those rows (keys as the server sent them).
   */
  async replaceAll(profileId: string, listed: Token[], fetchedAt: number, ticket: number): Promise<Token[]> {
    const log = this.logs.get(profileId)
    let tokens = listed
    if (log)
      for (const change of log.changes.slice(Math.max(0, ticket - log.start)))
        tokens = applied(tokens, change)
    const file = await this.files.open(profileId)
    await file.update(() => ({ fetchedAt, tokens: tokens.map(withMaskedKey) }))
    return tokens
  }

  /**
   * Rows the server answered with (updated, created) and ids it no longer has; announced to the UI once
   * on disk. `within`: the rows may wait that long to share one write with others (json-file.ts).
   */
  async apply(
    profileId: string,
    change: { upsert?: Token[]; remove?: number[] },
    options: UpdateOptions = {},
  ): Promise<void> {
    const next: Change = { upsert: change.upsert ?? [], remove: new Set(change.remove ?? []) }
    if (next.upsert.length === 0 && next.remove.size === 0) return
    const log = this.logs.get(profileId) ?? { start: 0, changes: [] }
    this.logs.set(profileId, log)
    log.changes.push(next)
    // A listing takes seconds at most: older changes are of no use to one.
    if (log.changes.length > 500) {
      log.changes.splice(0, 250)
      log.start += 250
    }
    const file = await this.files.open(profileId)
    await file.update(
      (current) => ({
        fetchedAt: current.fetchedAt,
        tokens: applied(current.tokens, next).map(withMaskedKey),
      }),
      options,
    )
    this.events.emit('tokens.changed', { profileId, tokens: next.upsert, removedIds: [...next.remove] })
  }

  /** The saved server now points at another server (address or account changed): its rows are not ours. */
  async forgetRows(profileId: string): Promise<void> {
    this.logs.delete(profileId)
    const file = await this.files.open(profileId)
    await file.update(() => ({ fetchedAt: null, tokens: [] }))
  }

  remove(profileId: string): Promise<void> {
    this.logs.delete(profileId)
    return this.files.remove(profileId)
  }
}
