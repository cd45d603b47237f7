import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TOKEN_COLUMNS, columnWidthVariable } from '@renderer/lib/token-columns'

// Read from the project's root, where the tests run: the page's modules are not file URLs here.
const css = readFileSync(resolve('src/renderer/src/components/tokens-grid/tokens-grid.css'), 'utf8')

// The table's cells take their widths from one CSS rule per column: a column without its rule would be
// as wide as its text, and its cells would no longer line up with its header.

describe('the column widths', () => {
  it('has a rule for every column, reading that column’s variable', () => {
    for (const { key } of TOKEN_COLUMNS) {
      const rule = new RegExp(
        `\\[data-col='${key}'\\]\\s*\\{\\s*width:\\s*var\\(${columnWidthVariable(key)}\\);`,
      )
      expect(css, key).toMatch(rule)
    }
    expect(css).toMatch(/\[data-col='select'\]\s*\{\s*width:\s*var\(--grid-select-width\);/)
  })
})
