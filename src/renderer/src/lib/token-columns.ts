import type { SortableColumn } from '@shared/domain/token-sort'

// The token table's columns: their keys (also their i18n keys under `tokens.columns`), default and
// smallest widths, and which of them the user may hide or sort by. Widths are CSS pixels; each column's
// cells in every row read one variable for theirs, so a resize restyles that variable, not each cell.

export type ColumnKey = SortableColumn | 'actions'

export interface ColumnDef {
  key: ColumnKey
  width: number
  minWidth: number
  align?: 'end'
  /** The name and the actions make a row usable: they stay. */
  hideable: boolean
  sortable: boolean
}

const column = (
  key: ColumnKey,
  width: number,
  options: Partial<Pick<ColumnDef, 'minWidth' | 'align' | 'hideable' | 'sortable'>> = {},
): ColumnDef => ({ key, width, minWidth: 56, hideable: true, sortable: true, ...options })

export const TOKEN_COLUMNS: readonly ColumnDef[] = [
  column('name', 180, { minWidth: 100, hideable: false }),
  column('status', 104),
  column('key', 156),
  column('remaining', 128, { align: 'end' }),
  column('used', 96, { align: 'end' }),
  column('group', 100),
  column('models', 96, { align: 'end' }),
  column('ips', 60, { align: 'end' }),
  column('created', 128),
  column('accessed', 124),
  column('expires', 132),
  column('actions', 250, { minWidth: 120, hideable: false, sortable: false }),
]

/** The checkbox column in front of every row. */
export const SELECT_COLUMN_WIDTH = 40

export const ROW_HEIGHT = 44
export const HEADER_HEIGHT = 38

export function widthOf(def: ColumnDef, widths: Readonly<Record<string, number>>): number {
  return Math.max(def.minWidth, widths[def.key] ?? def.width)
}

/** The CSS variable that holds a column's width, read by its cell in every row and in the header. */
export const columnWidthVariable = (key: string): string => `--col-${key}`

/** Each shown column's width, as the variables the table sets once for all of its rows. */
export function columnWidthVariables(
  columns: readonly ColumnDef[],
  widths: Readonly<Record<string, number>>,
): Record<string, string> {
  return Object.fromEntries(columns.map((def) => [columnWidthVariable(def.key), `${widthOf(def, widths)}px`]))
}
