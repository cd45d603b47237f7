import type { OverlaidRow } from './draft-overlay'
import { effectiveStatus, type EffectiveStatus } from './effective-status'
import { lastUsedAt } from './last-used'
import { groupsOf, ipLimitCount, modelLimitCount } from './token-filter'
import { NEVER_EXPIRES } from './token-values'

// Sorting the token table by any column. Each column sorts by what the user sees in it (the effective
// status, unlimited quota above any amount, "never" after every date), ties keep the newest first.

export const SORTABLE_COLUMNS = [
  'name',
  'status',
  'key',
  'remaining',
  'used',
  'group',
  'models',
  'ips',
  'created',
  'accessed',
  'expires',
] as const
export type SortableColumn = (typeof SORTABLE_COLUMNS)[number]

export interface TokenSort {
  column: string
  order: 'ascend' | 'descend'
}

const STATUS_ORDER: Record<EffectiveStatus, number> = { enabled: 0, exhausted: 1, expired: 2, disabled: 3 }

type SortValue = number | string

/** What a column sorts by; text compares with the locale's collation, numbers as numbers. */
function sortValue(row: OverlaidRow, column: SortableColumn, nowSeconds: number): SortValue {
  const token = row.token
  switch (column) {
    case 'name':
      return token.name
    case 'status':
      return STATUS_ORDER[effectiveStatus(token, nowSeconds)]
    case 'key':
      // The masked key as the column shows it, its head first: sorted by the tail alone, the column read
      // as unsorted (a tester's words). A key's end is what the search finds it by.
      return token.key
    case 'remaining':
      return token.unlimited_quota ? Infinity : token.remain_quota
    case 'used':
      return token.used_quota
    case 'group':
      return groupsOf(token).join(',')
    case 'models':
      return modelLimitCount(token) ?? -1
    case 'ips':
      return ipLimitCount(token)
    case 'created':
      return token.created_time
    case 'accessed':
      return lastUsedAt(token) ?? 0
    case 'expires':
      return token.expired_time === NEVER_EXPIRES ? Infinity : token.expired_time
  }
}

export function isSortableColumn(column: string): column is SortableColumn {
  return (SORTABLE_COLUMNS as readonly string[]).includes(column)
}

/**
 * The rows sorted (a new array; the input is untouched). Pending creates (negative ids) count as the
 * newest on ties. Values are read once per row, not once per comparison.
 */
export function sortRows(
  rows: readonly OverlaidRow[],
  sort: TokenSort | null,
  nowSeconds: number,
  collator: Intl.Collator,
): OverlaidRow[] {
  if (!sort || !isSortableColumn(sort.column)) return rows.slice()
  const column = sort.column
  const direction = sort.order === 'ascend' ? 1 : -1
  const keyed = rows.map((row) => ({ row, value: sortValue(row, column, nowSeconds) }))
  const newest = (a: OverlaidRow, b: OverlaidRow) => newestFirstKey(b) - newestFirstKey(a)
  keyed.sort((a, b) => {
    const order =
      typeof a.value === 'string' && typeof b.value === 'string'
        ? collator.compare(a.value, b.value)
        : compareNumbers(a.value as number, b.value as number)
    return order !== 0 ? order * direction : newest(a.row, b.row)
  })
  return keyed.map((entry) => entry.row)
}

function compareNumbers(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1
}

/** Pending creates above every server token, then by id (the server lists newest first). */
function newestFirstKey(row: OverlaidRow): number {
  return row.creating ? 2 ** 52 - row.token.id : row.token.id
}
