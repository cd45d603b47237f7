import { goAtoi, goAtoiIgnoringError } from './go-atoi'
import type { ModeFeatures } from './mode-features'
import { publicToken, type StoredToken } from './stored-token'

// Paging of token lists (docs/newapi-behaviour.md §5). Current servers: 1-based `p`, and `data` is
// {page, page_size, total, items}. Servers before 2025-06-12: 0-based `p` and `data` is the bare array,
// so a client cannot know the total. `?p=0&size=N` means the first page on both.

const DEFAULT_PAGE_SIZE = 10
const MAX_PAGE_SIZE = 100

interface PageQuery {
  page: number
  /** As the server parsed it: may be negative (see pageQuery). */
  pageSize: number
}

/**
 * Upstream's common.GetPageQuery. `p`: a page below 1 is re-read ignoring Atoi's error — 0 or junk → 1,
 * but a negative page is kept (its negative offset is then no offset at all). `page_size` counts only
 * when Atoi accepts it; at 0 (or unreadable) the older aliases `ps`, then `size` (their errors ignored:
 * out of range means clamped), then 10. The only clamp is at 100: a negative size is kept, and gorm turns
 * a negative LIMIT into no limit at all.
 */
export function pageQuery(query: URLSearchParams): PageQuery {
  const looselyRead = goAtoiIgnoringError(query.get('p'))
  const page = looselyRead === 0 ? 1 : looselyRead
  let pageSize = goAtoi(query.get('page_size')) ?? 0
  if (pageSize === 0) pageSize = goAtoiIgnoringError(query.get('ps'))
  if (pageSize === 0) pageSize = goAtoiIgnoringError(query.get('size'))
  if (pageSize === 0) pageSize = DEFAULT_PAGE_SIZE
  return { page, pageSize: Math.min(pageSize, MAX_PAGE_SIZE) }
}

/**
 * Rows `LIMIT limit OFFSET offset` as gorm builds it: a negative limit means every row, a negative
 * offset none.
 */
export function sqlSlice<T>(rows: readonly T[], offset: number, limit: number): T[] {
  const start = Math.max(0, offset)
  return limit < 0 ? rows.slice(start) : rows.slice(start, start + limit)
}

/**
 * One page of `rows` (already newest first) in the shape the mode sends. `limitOf` lets a caller clamp
 * the size the way its model function does (search forces 1–100) while the answer still reports the
 * size as parsed, as upstream's PageInfo does.
 */
export function tokenPage(
  rows: StoredToken[],
  query: URLSearchParams,
  features: ModeFeatures,
  limitOf: (pageSize: number) => number = (pageSize) => pageSize,
): unknown {
  const { page, pageSize } = pageQuery(query)
  if (!features.pagedLists) {
    // Servers before 2025-06-12 read `p` as 0-based and fall back to 10 for any size below 1.
    const size = pageSize < 1 ? DEFAULT_PAGE_SIZE : pageSize
    const index = Math.max(0, goAtoiIgnoringError(query.get('p')))
    return rows.slice(index * size, (index + 1) * size).map((row) => publicToken(row, features))
  }
  const items = sqlSlice(rows, (page - 1) * pageSize, limitOf(pageSize)).map((row) =>
    publicToken(row, features),
  )
  return { page, page_size: pageSize, total: rows.length, items }
}
