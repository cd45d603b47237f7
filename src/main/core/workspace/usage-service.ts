import {
  bucketCalls,
  usageWindow,
  type TokenUsage,
  type TokenUsageInput,
  type UsageCall,
} from '@shared/domain/token-usage'
import type { GatewayRegistry } from '../gateway/gateway-registry'
import type { LogEntry } from '../gateway/usage-logs'
import type { ProfileStore } from '../profiles/profile-store'
import type { TokenCache } from './token-cache'
import { readUsageLog } from './usage-reader'

// A token's usage over the last 24 h / 7 d / 30 d, from the server's own log (usage-reader.ts says how
// much is read). The log is asked by token *name*, and names are not unique: when another token shares
// it (the cached list says so, or the rows carry another token_id), only rows with this token's id are
// counted — and the totals are summed from those rows, since the server's own counts would include the
// other token's calls. Servers whose rows carry no token_id cannot be separated: the answer says so.
// With the name unique, the totals are the server's: its row count, and its quota sum when not every
// row was read (one more request). Answers are kept in memory for a minute per token and range, so
// reopening the editor or switching back to a range costs nothing; "Refresh" reads again.

const KEEP_MS = 60_000
const RECENT_CALLS = 20

export interface UsageServiceDeps {
  profiles: Pick<ProfileStore, 'require'>
  gateways: Pick<GatewayRegistry, 'client'>
  cache: Pick<TokenCache, 'read'>
  now: () => number
}

export class UsageService {
  private readonly kept = new Map<string, { at: number; answer: Promise<TokenUsage> }>()

  constructor(private readonly deps: UsageServiceDeps) {}

  async tokenUsage(input: TokenUsageInput): Promise<TokenUsage> {
    this.deps.profiles.require(input.profileId)
    const now = this.deps.now()
    for (const [key, entry] of this.kept) if (now - entry.at >= KEEP_MS) this.kept.delete(key)
    const key = JSON.stringify([input.profileId, input.tokenId, input.tokenName, input.range])
    const hit = this.kept.get(key)
    if (hit && !input.fresh) return { ...(await hit.answer), requestsSpent: 0 }
    const answer = this.read(input)
    this.kept.set(key, { at: now, answer })
    // A failure is not kept: the next look asks again.
    answer.catch(() => {
      if (this.kept.get(key)?.answer === answer) this.kept.delete(key)
    })
    return answer
  }

  /** Forgets what was kept for a server (removed, or pointed at another address). */
  forget(profileId: string): void {
    for (const key of this.kept.keys()) if (JSON.parse(key)[0] === profileId) this.kept.delete(key)
  }

  private async read(input: TokenUsageInput): Promise<TokenUsage> {
    const { profileId, tokenId, tokenName, range } = input
    const window = usageWindow(range, this.deps.now())
    const query = { tokenName, start: window.from, end: window.to }
    const client = this.deps.gateways.client(profileId)
    const log = await readUsageLog(client, query)
    const listed = (await this.deps.cache.read(profileId)).tokens
    const separated = log.entries.some((entry) => entry.tokenId !== null)
    const sharedName =
      listed.some((token) => token.name === tokenName && token.id !== tokenId) ||
      log.entries.some((entry) => entry.tokenId !== null && entry.tokenId !== tokenId)
    const mine = separated ? log.entries.filter((entry) => entry.tokenId === tokenId) : log.entries
    const readQuota = mine.reduce((sum, entry) => sum + entry.quota, 0)
    let spent = log.spent
    let totals = { requests: mine.length, quota: readQuota }
    let totalsFrom: TokenUsage['totalsFrom'] = 'read'
    if (!sharedName && log.total !== null) {
      totalsFrom = 'server'
      let quota = readQuota
      if (!log.complete) {
        quota = await client.usageLogQuota(query)
        spent += 1
      }
      totals = { requests: log.total, quota }
    }
    return {
      tokenId,
      range,
      unit: window.unit,
      from: window.from,
      to: window.to,
      totals,
      totalsFrom,
      buckets: bucketCalls(window, mine),
      partialBefore: log.complete ? null : (log.entries.at(-1)?.at ?? window.from),
      recent: mine.slice(0, RECENT_CALLS).map(asCall),
      sharedName,
      separated,
      requestsSpent: spent,
      fetchedAt: this.deps.now(),
    }
  }
}

function asCall(entry: LogEntry): UsageCall {
  const { tokenId: _tokenId, identity: _identity, ...call } = entry
  return call
}
