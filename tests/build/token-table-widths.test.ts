import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SORTABLE_COLUMNS } from '@shared/domain/token-sort'

// The token table's cells take their widths from one CSS rule per column (the variable the table sets
// for it, token-columns.ts): a column without its rule would be as wide as its text, and its cells would
// no longer line up with its header. Every column is one the table sorts by, or the actions.

const css = readFileSync(resolve('src/renderer/src/components/tokens-grid/tokens-grid.css'), 'utf8')
const widthRule = (column: string, variable: string) =>
  new RegExp(`\\[data-col='${column}'\\]\\s*\\{\\s*width:\\s*var\\(${variable}\\);`)

describe('the token table’s column widths', () => {
  it('has a rule for every column, reading that column’s variable', () => {
    for (const key of [...SORTABLE_COLUMNS, 'actions'])
      expect(css, key).toMatch(widthRule(key, `--col-${key}`))
    expect(css).toMatch(widthRule('select', '--grid-select-width'))
  })
})
