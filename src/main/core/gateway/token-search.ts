import type { Token } from '@shared/domain/token'
import { AppError } from '@shared/result'
import type { GatewayContext } from './gateway-context'
import { readPageAnswer, MAX_PAGE_SIZE } from './token-pages'
import {
  FUZZY_SEARCH_TOKEN_LIMIT,
  matchesTerms,
  normalizeTerms,
  substringPattern,
  type SearchTerms,
} from './search-pattern'

// Name and key search (GET /api/token/search). TokenDesk always means "contains": on current servers
// that is `%term%`; older servers match substrings already and answer a bare array. When the server's
// pattern rules or its search budget (10 per minute per user) forbid asking, the tokens already loaded
// (or a fresh list) are filtered locally, and the result says which way it was answered.

export type SearchFallbackReason = 'pattern-rules' | 'too-many-tokens' | 'rate-limited' | 'no-terms'

export interface SearchResult {
  tokens: Token[]
  answeredBy: 'server' | 'local'
  /** Why the server was not (or not fully) asked; absent when it answered. */
  reason?: SearchFallbackReason
}

export interface SearchOptions {
  /** Tokens the caller already holds (e.g. the cached list): used for the local fallback. */
  loaded?: readonly Token[]
  /** How many tokens the user holds, when known; above 1000 the server refuses `%`. */
  tokenCount?: number
  /** Lists every token when a local fallback has nothing loaded. */
  listAll: () => Promise<Token[]>
}

/** Up to 10 pages of 100: the server's token cap, and the whole per-minute search budget. */
const MAX_SEARCH_PAGES = 10

export async function searchTokens(
  ctx: GatewayContext,
  input: Partial<SearchTerms>,
  options: SearchOptions,
): Promise<SearchResult> {
  const terms = normalizeTerms(input)
  const local = async (reason: SearchFallbackReason): Promise<SearchResult> => {
    const tokens = options.loaded ?? (await options.listAll())
    return { tokens: tokens.filter((token) => matchesTerms(token, terms)), answeredBy: 'local', reason }
  }
  if (terms.keyword === '' && terms.key === '') return local('no-terms')

  const query = serverQuery(ctx, terms, options)
  if ('reason' in query) return local(query.reason)
  try {
    return { tokens: await askServer(ctx, query, terms), answeredBy: 'server' }
  } catch (error) {
    if (!(error instanceof AppError)) throw error
    if (error.code === 'rate-limited') return local('rate-limited')
    // The only input is the pattern: a refusal means the server's rules differ from the ones mirrored
    // here (an admin's token cap, say) — answer locally rather than show the user a failure.
    if (error.code === 'validation') return local('pattern-rules')
    throw error
  }
}

type ServerQuery = { keyword: string; token: string } | { reason: SearchFallbackReason }

function serverQuery(ctx: GatewayContext, terms: SearchTerms, options: SearchOptions): ServerQuery {
  const features = ctx.features()
  // Older servers wrap the term themselves: send it as typed. Unknown servers get `%…%`, which means
  // "contains" on both generations.
  if (features && !features.exactSearch) return { keyword: terms.keyword, token: terms.key }
  const count = options.tokenCount ?? options.loaded?.length ?? 0
  if (count > FUZZY_SEARCH_TOKEN_LIMIT) return { reason: 'too-many-tokens' }
  const keyword = terms.keyword === '' ? '' : substringPattern(terms.keyword)
  const token = terms.key === '' ? '' : substringPattern(terms.key)
  if (keyword === null || token === null) return { reason: 'pattern-rules' }
  return { keyword, token }
}

async function askServer(
  ctx: GatewayContext,
  query: { keyword: string; token: string },
  terms: SearchTerms,
): Promise<Token[]> {
  const found: Token[] = []
  const seen = new Set<number>()
  for (let p = 1; p <= MAX_SEARCH_PAGES; p += 1) {
    const data = await ctx.http.request({
      method: 'GET',
      path: '/api/token/search',
      query: { ...query, p, page_size: MAX_PAGE_SIZE },
      bucket: 'search',
    })
    const page = readPageAnswer(data, 'the search result')
    if (page.paging === 'zero-based-array') {
      // Older servers answer every match at once and treat `_` as a wildcard too: keep true matches.
      if (ctx.features()?.exactSearch !== false) ctx.learn({ exactSearch: false })
      return page.tokens.filter((token) => matchesTerms(token, terms))
    }
    if (page.paging === 'one-based-object' && ctx.features()?.exactSearch === false) {
      ctx.learn({ exactSearch: true })
    }
    for (const token of page.tokens) {
      if (!seen.has(token.id)) found.push(token)
      seen.add(token.id)
    }
    const done = page.total === null || found.length >= page.total || page.tokens.length < MAX_PAGE_SIZE
    if (done) break
  }
  return found
}
