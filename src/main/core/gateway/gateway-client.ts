import { z } from 'zod'
import type { ServerFeatures } from '@shared/domain/profile'
import type { ServerFacts } from '@shared/domain/server-facts'
import type { Token } from '@shared/domain/token'
import type { WithEditableFields } from '@shared/domain/token-values'
import type { GatewayContext } from './gateway-context'
import type { GatewayHttpClient } from './http-client'
import { revealKey, revealKeys } from './key-reveal'
import { parseOrBadResponse, parseToken } from './parse-answer'
import { serverFactsFromStatus } from './server-status'
import {
  createToken,
  findCreatedToken,
  prepareCreate,
  type CreateMarker,
  type CreateOutcome,
  type NewTokenFields,
  type PreparedCreate,
} from './token-create'
import { listAllTokens, type ListingProgress } from './token-pages'
import { searchTokens, type SearchResult } from './token-search'
import type { SearchTerms } from './search-pattern'
import { autoGroups, userGroups, userModels, type AutoGroups, type UserGroup } from './user-catalog'
import { readThenUpdate, updateFromRead, type PairedUpdate, type UpdatePlan } from './token-update'
import { deleteToken, deleteTokens, updateTokenStatus, type SettableStatus } from './token-writes'
import { readLogPage, readLogQuota, type LogPage, type LogQuery } from './usage-logs'
import type { Paging } from './gateway-context'

// Every new-api call a token manager needs, for one server. Each call lives in a small module; this
// class holds what they share: the paced HTTP client and the server's features. Features live in one
// place — with the profile, for a saved server (the registry hands in a memory that reads and writes
// there) — so the paging style, say, is not re-detected on every call, and what a call learns about the
// server (an "unknown route" answer, a changed list shape) is saved with the profile at once.

const userSelfSchema = z.looseObject({
  id: z.number().int(),
  username: z.string().optional().catch(undefined),
  display_name: z.string().optional().catch(undefined),
  role: z.number().int().optional().catch(undefined),
  group: z.string().optional().catch(undefined),
  /** Wallet balance in quota units. */
  quota: z.number().optional().catch(undefined),
})

export type UserSelf = z.output<typeof userSelfSchema>

/** Where a client keeps what it knows of its server. */
export interface FeatureMemory {
  get(): ServerFeatures | null
  /** Records a correction; a memory holding nothing yet ignores it (detection will fill it). */
  learn(patch: Partial<Omit<ServerFeatures, 'detectedAt'>>): void
}

/** A memory of its own, for a connection that is not a saved server (yet). */
export function memoryOnly(initial: ServerFeatures | null = null): FeatureMemory & {
  set(features: ServerFeatures | null): void
} {
  let known = initial
  return {
    get: () => known,
    set: (features) => {
      known = features
    },
    learn: (patch) => {
      if (known) known = { ...known, ...patch }
    },
  }
}

export class GatewayClient implements GatewayContext {
  newestSeen: { id: number; at: number } | null = null

  constructor(
    readonly http: GatewayHttpClient,
    private readonly memory: FeatureMemory = memoryOnly(),
  ) {}

  /** The features this client works with; null until detected. */
  features(): ServerFeatures | null {
    return this.memory.get()
  }

  learn(patch: Partial<Omit<ServerFeatures, 'detectedAt'>>): void {
    const known = this.memory.get()
    if (!known) return
    const changed = Object.entries(patch).some(
      ([field, value]) => known[field as keyof ServerFeatures] !== value,
    )
    if (changed) this.memory.learn(patch)
  }

  async status(): Promise<ServerFacts> {
    return serverFactsFromStatus(await this.http.request({ method: 'GET', path: '/api/status', auth: false }))
  }

  async userSelf(): Promise<UserSelf> {
    const data = await this.http.request({ method: 'GET', path: '/api/user/self' })
    return parseOrBadResponse(userSelfSchema, data, 'the account')
  }

  /** Models the user may use (of one group when given), sorted. */
  userModels(group?: string): Promise<string[]> {
    return userModels(this, group)
  }

  /** Groups a token may use, with ratio and description, `auto` included (last). */
  userGroups(): Promise<UserGroup[]> {
    return userGroups(this)
  }

  /** The Auto order and per-token limit; null on servers before 2026-08-01. */
  autoGroups(): Promise<AutoGroups | null> {
    return autoGroups(this)
  }

  /** Every token, newest first, in whichever paging style the server speaks. */
  listTokens(
    onPage?: (progress: ListingProgress) => void,
    options: { background?: boolean } = {},
  ): Promise<Token[]> {
    return listAllTokens(this, onPage, options)
  }

  /** Name and/or key contain the terms; answered by the server when its rules and budget allow. */
  searchTokens(
    terms: Partial<SearchTerms>,
    options: { loaded?: readonly Token[]; tokenCount?: number } = {},
  ): Promise<SearchResult> {
    return searchTokens(this, terms, { ...options, listAll: () => this.listTokens() })
  }

  async getToken(id: number): Promise<Token> {
    const data = await this.http.request({ method: 'GET', path: `/api/token/${id}` })
    return parseToken(data, 'the token')
  }

  /** Reads the highest visible id before a create; persist it to recover from a crash mid-create. */
  prepareCreate(fields: NewTokenFields): Promise<PreparedCreate> {
    return prepareCreate(this, fields)
  }

  /** Creates a token and finds it again (the server returns no id); see token-create.ts. */
  createToken(fields: NewTokenFields, marker?: CreateMarker): Promise<CreateOutcome> {
    return createToken(this, fields, marker)
  }

  /** After a crash or timeout: the token a create made, or null when it never reached the server. */
  findCreatedToken(marker: CreateMarker): Promise<Token | null> {
    return findCreatedToken(this, marker)
  }

  /**
   * Reads the token and sends the full update `plan` builds from it right behind the read (the pacer
   * admits the two together). See token-update.ts; only the write cycle calls this.
   */
  readThenUpdate<P extends UpdatePlan>(
    id: number,
    plan: (fresh: Token) => P | Promise<P>,
  ): Promise<PairedUpdate<P>> {
    return readThenUpdate(this, id, plan)
  }

  /** The full update built from a read of a moment ago (a list page's row); see token-update.ts. */
  updateFromRead<P extends UpdatePlan>(
    fresh: Token,
    plan: (fresh: Token) => P | Promise<P>,
  ): Promise<PairedUpdate<P>> {
    return updateFromRead(this, fresh, plan)
  }

  /** Enables (1) or disables (2) a token in one request; anything else is refused before sending. */
  updateTokenStatus(seen: WithEditableFields & { id: number }, status: SettableStatus): Promise<Token> {
    return updateTokenStatus(this, seen, status)
  }

  deleteToken(id: number): Promise<void> {
    return deleteToken(this, id)
  }

  /** Returns how many were deleted; falls back to single deletes on servers without the batch route. */
  deleteTokens(ids: readonly number[]): Promise<number> {
    return deleteTokens(this, ids)
  }

  /** One page of a token name's calls from the server's usage log (`index` from 0), newest first. */
  usageLogPage(query: LogQuery, index: number, paging: Paging | null): Promise<LogPage> {
    return readLogPage(this, query, index, paging ?? this.features()?.paging ?? null)
  }

  /** The quota a token name's calls in a time range cost, summed by the server. */
  usageLogQuota(query: LogQuery): Promise<number> {
    return readLogQuota(this, query)
  }

  /** One plaintext key, `sk-` prefixed. */
  revealKey(id: number): Promise<string> {
    return revealKey(this, id)
  }

  /** Plaintext keys by id, in calls of at most 100 ids. */
  revealKeys(ids: readonly number[]): Promise<Map<number, string>> {
    return revealKeys(this, ids)
  }
}
