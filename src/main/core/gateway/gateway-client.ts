import { z } from 'zod'
import type { ServerFeatures } from '@shared/domain/profile'
import type { ServerFacts } from '@shared/domain/server-facts'
import type { Token } from '@shared/domain/token'
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
} from './token-create'
import { listAllTokens } from './token-pages'
import { searchTokens, type SearchResult } from './token-search'
import type { SearchTerms } from './search-pattern'
import { autoGroups, userGroups, userModels, type AutoGroups, type UserGroup } from './user-catalog'
import {
  deleteToken,
  deleteTokens,
  updateToken,
  updateTokenStatus,
  type SettableStatus,
} from './token-writes'

// Every new-api call a token manager needs, for one server. Each call lives in a small module; this
// class holds what they share: the paced HTTP client and the server's features as remembered with the
// profile (so the paging style, say, is not re-detected on every call). What a call learns about the
// server (an "unknown route" answer, a changed list shape) updates the memory and is reported to the
// listener, which saves it with the profile.

const userSelfSchema = z.looseObject({
  id: z.number().int(),
  username: z.string().optional().catch(undefined),
  display_name: z.string().optional().catch(undefined),
})

export type FeaturesListener = (features: ServerFeatures) => void

export class GatewayClient implements GatewayContext {
  private known: ServerFeatures | null = null
  private listener: FeaturesListener | null = null

  constructor(readonly http: GatewayHttpClient) {}

  /** The features this client works with; null until detected or remembered ones are given. */
  features(): ServerFeatures | null {
    return this.known
  }

  /** Uses features remembered with the profile; `onLearn` hears of every later correction. */
  useFeatures(features: ServerFeatures | null, onLearn?: FeaturesListener): void {
    this.known = features ? { ...features } : null
    if (onLearn) this.listener = onLearn
  }

  learn(patch: Partial<Omit<ServerFeatures, 'detectedAt'>>): void {
    if (!this.known) return
    const next = { ...this.known, ...patch }
    if (
      Object.entries(patch).every(([field, value]) => this.known?.[field as keyof ServerFeatures] === value)
    )
      return
    this.known = next
    this.listener?.({ ...next })
  }

  async status(): Promise<ServerFacts> {
    return serverFactsFromStatus(await this.http.request({ method: 'GET', path: '/api/status', auth: false }))
  }

  async userSelf(): Promise<z.output<typeof userSelfSchema>> {
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
  listTokens(): Promise<Token[]> {
    return listAllTokens(this)
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
  prepareCreate(fields: NewTokenFields): Promise<CreateMarker> {
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

  /** Full replace: the body must carry every field, since the server zeroes what is omitted. */
  updateToken(body: Record<string, unknown>): Promise<Token> {
    return updateToken(this, body)
  }

  /**
   * Enables (1) or disables (2) a token; anything else is refused before sending. The token is read
   * afresh within the call, right before the PUT.
   */
  updateTokenStatus(id: number, status: SettableStatus): Promise<Token> {
    return updateTokenStatus(this, id, status)
  }

  deleteToken(id: number): Promise<void> {
    return deleteToken(this, id)
  }

  /** Returns how many were deleted; falls back to single deletes on servers without the batch route. */
  deleteTokens(ids: readonly number[]): Promise<number> {
    return deleteTokens(this, ids)
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
