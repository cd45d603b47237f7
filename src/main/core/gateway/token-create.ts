import type { Token, TokenDocument } from '@shared/domain/token'
import type { GatewayContext } from './gateway-context'
import { learnNameLimit } from './name-limit'
import { MAX_PAGE_SIZE, readTokenPage } from './token-pages'

// POST /api/token/ answers `{"success":true,"message":""}`: no id, no key (docs/newapi-behaviour.md §5), and
// a create is not idempotent. So the client notes the highest id it can see *before* sending (the
// "create marker"), sends, then lists page 1 (newest first) and takes the highest id above the marker
// whose name and fields match what it sent.
//
// After a crash or a timeout the drafts engine persists the marker with the draft and calls
// `findCreatedToken(marker)` before sending again: a match means the create reached the server.
//
// Creates in a row (a batch of 100, a quick series) need not list before each one: the look-up after a
// create saw page 1, newest first, so its highest id is as good a marker as a listing of its own for a
// few seconds (MARKER_FRESH_MS) — a third fewer requests per create, and so fewer waits for the server's
// request window. A delete through the client forgets it: a server may give a deleted newest id again.

/** What a new token is made of: the document's eight fields plus any extra ones (cross_group_retry,
 *  auto_groups, fork fields such as selected_groups), sent as given. */
export type NewTokenFields = TokenDocument & Record<string, unknown>

export interface CreateMarker {
  /** The highest token id on the first page before the create was sent; 0 when there was none. */
  afterId: number
  /** The fields the create sent, to recognise the new token among others created meanwhile. */
  fields: NewTokenFields
}

export interface CreateOutcome {
  /** The new token, or null when the server accepted the create but it could not be found again. */
  token: Token | null
  marker: CreateMarker
}

/** Fields compared to recognise the new token; the server stores each as sent (but see storedAs). */
const MATCHED_FIELDS = [
  'name',
  'remain_quota',
  'expired_time',
  'unlimited_quota',
  'model_limits_enabled',
  'model_limits',
  'allow_ips',
  'group',
] as const

/**
 * What the server stores for a value sent in a create: gorm's insert leaves zero values to the column
 * default, so an expiry of 0 is stored as -1 (never) and a missing IP list as ''.
 */
function storedAs(field: (typeof MATCHED_FIELDS)[number], value: unknown): unknown {
  if (field === 'expired_time' && value === 0) return -1
  return value ?? ''
}

/** How long the highest id a create's look-up saw stands in for a listing before the next create. */
export const MARKER_FRESH_MS = 10_000

export interface PreparedCreate {
  marker: CreateMarker
  /** Requests it took: 1 when page 1 was read, 0 when a fresh look-up's newest id was used. */
  requests: number
}

const newestOf = (tokens: readonly Token[]) =>
  tokens.reduce((highest, token) => Math.max(highest, token.id), 0)

/**
 * Notes the highest id before a create (a fresh look-up's, else page 1 read now); persist the marker
 * before sending.
 */
export async function prepareCreate(ctx: GatewayContext, fields: NewTokenFields): Promise<PreparedCreate> {
  const seen = ctx.newestSeen
  const now = Date.now()
  if (seen && now - seen.at >= 0 && now - seen.at <= MARKER_FRESH_MS)
    return { marker: { afterId: seen.id, fields: structuredClone(fields) }, requests: 0 }
  const page = await readTokenPage(ctx, 0, MAX_PAGE_SIZE, ctx.features()?.paging ?? null)
  return { marker: { afterId: newestOf(page.tokens), fields: structuredClone(fields) }, requests: 1 }
}

export function matchesCreated(token: Token, fields: NewTokenFields): boolean {
  return MATCHED_FIELDS.every((field) => storedAs(field, token[field]) === storedAs(field, fields[field]))
}

/** The token a create (described by its marker) made, or null when the server holds none such. */
export async function findCreatedToken(ctx: GatewayContext, marker: CreateMarker): Promise<Token | null> {
  const page = await readTokenPage(ctx, 0, MAX_PAGE_SIZE, ctx.features()?.paging ?? null)
  const newest = newestOf(page.tokens)
  if (newest > 0) ctx.newestSeen = { id: newest, at: Date.now() }
  let found: Token | null = null
  for (const token of page.tokens) {
    if (token.id <= marker.afterId || !matchesCreated(token, marker.fields)) continue
    if (!found || token.id > found.id) found = token
  }
  return found
}

/** Sends the create after noting the marker, then finds the new token. */
export async function createToken(
  ctx: GatewayContext,
  fields: NewTokenFields,
  marker?: CreateMarker,
): Promise<CreateOutcome> {
  const before = marker ?? (await prepareCreate(ctx, fields)).marker
  try {
    await ctx.http.request({ method: 'POST', path: '/api/token/', body: before.fields })
  } catch (error) {
    learnNameLimit(ctx, error, before.fields.name)
    throw error
  }
  return { token: await findCreatedToken(ctx, before), marker: before }
}
