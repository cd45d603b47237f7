import { z } from 'zod'
import type { Token } from '@shared/domain/token'
import type { GatewayContext, Paging } from './gateway-context'
import { parseOrBadResponse, parseTokens } from './parse-answer'

// Token lists in both paging styles (docs/newapi-behaviour.md §5): since 2025-06-12 `p` is 1-based and
// `data = {page, page_size, total, items}`; before, `p` is 0-based and `data` is a bare array (no total).
// `?p=0&size=N` means "the first page" to both, so an unknown server is asked that, and the answer's
// shape says which style it speaks.

/** The server caps pages at 100. */
export const MAX_PAGE_SIZE = 100
/** new-api caps a user at 1000 tokens by default; this only stops a misbehaving server looping. */
const MAX_PAGES = 200

const pagedObjectSchema = z.looseObject({
  total: z.number().int().nullish(),
  items: z.array(z.unknown()).nullish(),
})

export interface TokenPage {
  tokens: Token[]
  /** null on servers that send bare arrays. */
  total: number | null
  paging: Paging
}

/**
 * Reads an answer of either shape. `null` data (how Go encodes an empty slice on some versions) is an
 * empty page whose style cannot be told: paging null.
 */
export function readPageAnswer(
  data: unknown,
  what: string,
): Omit<TokenPage, 'paging'> & { paging: Paging | null } {
  if (data === null || data === undefined) return { tokens: [], total: null, paging: null }
  if (Array.isArray(data)) return { tokens: parseTokens(data), total: null, paging: 'zero-based-array' }
  const page = parseOrBadResponse(pagedObjectSchema, data, what)
  return { tokens: parseTokens(page.items ?? []), total: page.total ?? null, paging: 'one-based-object' }
}

/**
 * One page, `index` counted from 0 whatever the server's style. The first page is always asked as
 * `p=0`, which both styles read as "the first page": a remembered style that has gone wrong (a server
 * up- or downgraded since detection) then costs nothing — p=1 would be the *second* page to an old
 * server, and its list would look empty. The answer's shape confirms the style; later pages follow it.
 */
export async function readTokenPage(
  ctx: GatewayContext,
  index: number,
  size: number,
  paging: Paging | null,
): Promise<TokenPage> {
  if (index > 0 && paging === null)
    throw new Error('readTokenPage: the paging style must be known past page 0')
  const p = index === 0 ? 0 : paging === 'one-based-object' ? index + 1 : index
  const data = await ctx.http.request({ method: 'GET', path: '/api/token/', query: { p, size } })
  const page = readPageAnswer(data, 'the token list')
  if (page.paging === null) return { ...page, paging: paging ?? 'one-based-object' }
  // A server upgraded since detection answers in the other shape: follow it and remember.
  const known = ctx.features()
  if (known && known.paging !== page.paging) ctx.learn({ paging: page.paging })
  return { ...page, paging: page.paging }
}

/** Every token, newest first, each once (a token created between pages shifts the rest down one). */
export async function listAllTokens(ctx: GatewayContext): Promise<Token[]> {
  const seen = new Set<number>()
  const tokens: Token[] = []
  let paging = ctx.features()?.paging ?? null
  for (let index = 0; index < MAX_PAGES; index += 1) {
    const page = await readTokenPage(ctx, index, MAX_PAGE_SIZE, paging)
    paging = page.paging
    let fresh = 0
    for (const token of page.tokens) {
      if (seen.has(token.id)) continue
      seen.add(token.id)
      tokens.push(token)
      fresh += 1
    }
    const short = page.tokens.length < MAX_PAGE_SIZE
    const reachedTotal = page.total !== null && index * MAX_PAGE_SIZE + page.tokens.length >= page.total
    // A page of nothing new means the server ignores `p`: stop rather than loop.
    if (short || reachedTotal || fresh === 0) break
  }
  return tokens
}
