import { fail, ok, type Reply } from './reply'
import type { RequestContext } from './request-context'
import { publicToken, type StoredToken } from './stored-token'
import { tokenPage } from './token-page'

// GET /api/token/search?keyword=&token= (docs/newapi-behaviour.md §5). `keyword` matches the name, `token`
// the key (an `sk-` prefix is dropped); an empty parameter does not filter.
// - Since 2026-02-06: SQL `LIKE` with `_` and `!` escaped, so a term is an EXACT match unless the
//   client adds `%` — at most two, never `%%`, and at least 2 other characters; a user holding more
//   than max_user_tokens may not use `%` at all. Paginated like the list. Upstream's messages.
// - Before: `LIKE '%term%'` (substring, `_` a wildcard too), all matches as a bare array.
// Matching ignores ASCII case, as SQLite's and MySQL's default LIKE do.

/** SearchUserTokens clamps its LIMIT to 1–100 itself, so a page_size of -1 means 100 here. */
const SEARCH_HARD_LIMIT = 100
const searchLimit = (pageSize: number) =>
  pageSize <= 0 || pageSize > SEARCH_HARD_LIMIT ? SEARCH_HARD_LIMIT : pageSize

const FUZZY_REFUSED = '令牌数量超过上限，仅允许精确搜索，请勿使用 % 通配符'

/** Upstream's sanitizeLikePattern checks; returns the failure message or null. */
function checkPattern(input: string): string | null {
  // Length is counted after escaping, in bytes, as upstream does.
  const escaped = input.replaceAll('!', '!!').replaceAll('_', '!_')
  if (escaped.includes('%%')) return '搜索模式中不允许包含连续的 % 通配符'
  const count = escaped.split('%').length - 1
  if (count > 2) return '搜索模式中最多允许包含 2 个 % 通配符'
  if (count > 0 && Buffer.byteLength(escaped.replaceAll('%', ''), 'utf8') < 2)
    return '使用模糊搜索时，关键词长度至少为 2 个字符'
  return null
}

/** A LIKE pattern as a RegExp: `%` is any run; `_` is any one character only when not escaped. */
function likeToRegExp(pattern: string, underscoreIsWildcard: boolean): RegExp {
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const segment = (text: string) =>
    underscoreIsWildcard ? text.split('_').map(literal).join('.') : literal(text)
  return new RegExp(`^${pattern.split('%').map(segment).join('.*')}$`, 'is')
}

function matcher(keyword: string, token: string, exact: boolean): (row: StoredToken) => boolean {
  const wrap = (term: string) => (exact ? term : `%${term}%`)
  const name = keyword === '' ? null : likeToRegExp(wrap(keyword), !exact)
  const key = token === '' ? null : likeToRegExp(wrap(token), !exact)
  return (row) => (name === null || name.test(row.name)) && (key === null || key.test(row.key))
}

export function searchTokens({ query, state }: RequestContext): Reply {
  const keyword = query.get('keyword') ?? ''
  const token = (query.get('token') ?? '').replace(/^sk-/, '')
  const owned = state.store.ownedBy(state.user.id)
  if (!state.features.exactSearch) {
    const found = owned.filter(matcher(keyword, token, false))
    return ok(found.map((row) => publicToken(row, state.features)))
  }
  if ((keyword.includes('%') || token.includes('%')) && owned.length > state.maxUserTokens)
    return fail(FUZZY_REFUSED)
  for (const term of [keyword, token]) {
    const problem = term === '' ? null : checkPattern(term)
    if (problem) return fail(problem)
  }
  const matches = owned.filter(matcher(keyword, token, true))
  return ok(tokenPage(matches, query, state.features, searchLimit))
}
