import { goAtoi } from './go-atoi'
import type { ModeFeatures } from './mode-features'
import { publicToken, type StoredToken } from './stored-token'

// Paging of token lists (newapi-behaviour.md §5). Current servers: 1-based `p`, and `data` is
// {page, page_size, total, items}. Servers before 2025-06-12: 0-based `p` and `data` is the bare array,
// so a client cannot know the total. `?p=0&size=N` means the first page on both.

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

/** One page of `rows` (already newest first) in the shape the mode sends. */
export function tokenPage(rows: StoredToken[], query: URLSearchParams, features: ModeFeatures): unknown {
  const { pageSize } = pageQuery(query)
  if (!features.pagedLists) {
    const index = Math.max(0, goAtoi(query.get('p')) ?? 0)
    return rows.slice(index * pageSize, (index + 1) * pageSize).map((row) => publicToken(row, features))
  }
  const { page } = pageQuery(query)
  const items = rows.slice((page - 1) * pageSize, page * pageSize).map((row) => publicToken(row, features))
  return { page, page_size: pageSize, total: rows.length, items }
}
