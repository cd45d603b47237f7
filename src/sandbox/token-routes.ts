import { goAtoi } from './go-atoi'
import { fail, ok, type Reply } from './reply'
import type { RequestContext } from './request-context'
import { publicToken } from './stored-token'
import { updateToken } from './token-update'

// The token routes of newapi-behaviour.md §5: list, get one, update. Keys are masked in every answer.

const DEFAULT_PAGE_SIZE = 10
const MAX_PAGE_SIZE = 100

/**
 * Upstream's GetPageQuery: `p` is 1-based (0 or junk → 1); the size comes from `page_size`, else the
 * older aliases `ps` and `size`; missing → 10, capped at 100.
 */
export function pageQuery(query: URLSearchParams): { page: number; pageSize: number } {
  const page = Math.max(1, goAtoi(query.get('p')) ?? 1)
  const size = [query.get('page_size'), query.get('ps'), query.get('size')]
    .map(goAtoi)
    .find((value) => value !== null && value !== 0)
  // Go would hand a negative size to the database as "no limit"; the sandbox treats it as unset.
  const pageSize =
    size === undefined || size === null || size < 0 ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE)
  return { page, pageSize }
}

export function listTokens({ query, state }: RequestContext): Reply {
  const { page, pageSize } = pageQuery(query)
  const rows = state.store.ownedBy(state.user.id)
  const items = rows.slice((page - 1) * pageSize, page * pageSize).map(publicToken)
  return ok({ page, page_size: pageSize, total: rows.length, items })
}

export function getToken({ params, state }: RequestContext): Reply {
  const text = params[0] ?? ''
  const id = goAtoi(text)
  if (id === null) return fail(`strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`)
  if (id === 0) return fail('id 或 userId 为空！')
  const row = state.store.find(id, state.user.id)
  return row ? ok(publicToken(row)) : fail('record not found')
}

export function putToken({ raw, json, query, state }: RequestContext): Reply {
  // Any non-empty value counts, even "false" (newapi-behaviour.md §5).
  const statusOnly = (query.get('status_only') ?? '') !== ''
  return updateToken(raw, json, statusOnly, {
    mode: state.mode,
    store: state.store,
    userId: state.user.id,
    quotaPerUnit: state.quotaPerUnit,
    nowSeconds: Math.floor(Date.now() / 1000),
  })
}
