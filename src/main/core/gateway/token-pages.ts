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
  background = false,
): Promise<TokenPage> {
  if (index > 0 && paging === null)
    throw new Error('readTokenPage: the paging style must be known past page 0')
  const p = index === 0 ? 0 : paging === 'one-based-object' ? index + 1 : index
  const data = await ctx.http.request({ method: 'GET', path: '/api/token/', query: { p, size }, background })
  const page = readPageAnswer(data, 'the token list')
  if (page.paging === null) return { ...page, paging: paging ?? 'one-based-object' }
  // A server upgraded since detection answers in the other shape: follow it and remember.
  const known = ctx.features()
  if (known && known.paging !== page.paging) ctx.learn({ paging: page.paging })
  return { ...page, paging: page.paging }
}

/** How far a listing has got: rows read so far (this page's included) and the total when the server says. */
export interface ListingProgress {
  /** The rows of the page just read. */
  page: Token[]
  loaded: number
  total: number | null
}

/**
 * Every token, newest first, each once (a token created between pages shifts the rest down one). The
 * first page comes first: it tells the paging style and, on servers that send one, the total. Then the
 * remaining pages are asked all at once — the pacer admits them as its window allows, a few in flight —
 * instead of one round trip after another. Servers without a total (bare arrays) are read page by page
 * until a short one. `onPage` hears of each page as it arrives (in any order), for rows and progress.
 */
export async function listAllTokens(
  ctx: GatewayContext,
  onPage?: (progress: ListingProgress) => void,
  options: { background?: boolean } = {},
): Promise<Token[]> {
  const seen = new Set<number>()
  const tokens: Token[] = []
  let paging = ctx.features()?.paging ?? null
  // The total as the latest answer says (tokens created meanwhile raise it, pushing rows further).
  let total: number | null = null
  /** Reads one page, keeps its tokens not seen before, reports them; answers whether it was full. */
  const read = async (index: number): Promise<{ full: boolean; fresh: number }> => {
    const page = await readTokenPage(ctx, index, MAX_PAGE_SIZE, paging, options.background)
    paging = page.paging
    if (page.total !== null) total = Math.max(total ?? 0, page.total)
    const fresh = page.tokens.filter((token) => !seen.has(token.id))
    for (const token of fresh) seen.add(token.id)
    tokens.push(...fresh)
    onPage?.({ page: fresh, loaded: tokens.length, total })
    return { full: page.tokens.length >= MAX_PAGE_SIZE, fresh: fresh.length }
  }
  let last = await read(0)
  let next = 1
  if (last.full && total !== null) {
    // Every other page at once: the pacer admits them as its window allows.
    const count = Math.min(Math.ceil(total / MAX_PAGE_SIZE), MAX_PAGES)
    const rest = await Promise.all(Array.from({ length: count - 1 }, (_, offset) => read(offset + 1)))
    last = rest.at(-1) ?? last
    next = count
  }
  // Page by page while the last one was full: servers without a total, and rows pushed past the last
  // page asked for. A page of nothing new means the server ignores `p`: stop rather than loop.
  while (
    last.full &&
    last.fresh > 0 &&
    next < MAX_PAGES &&
    (total === null || next * MAX_PAGE_SIZE < total)
  ) {
    last = await read(next)
    next += 1
  }
  // Pages may answer in any order: newest first, as the server lists them.
  return tokens.sort((a, b) => b.id - a.id)
}
