import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import type { OverlaidRow } from '@shared/domain/draft-overlay'
import { DEFAULT_SERVER_FACTS } from '@shared/domain/server-facts'
import enUS from '@renderer/i18n/en-US'
import { rowLabels } from '@renderer/lib/row-labels'
import { rowView } from '@renderer/lib/row-view'
import { TOKEN_COLUMNS } from '@renderer/lib/token-columns'
import { makeToken } from '@renderer/test/fake-api'
import { createGridBody, type RowInputs, type RowPlace } from './grid-body'

// The table's body keeps one element per place of its row pool: a place shows a row, or waits hidden
// and out of the accessibility tree; the element is never built twice.

const i18n = createI18n({ legacy: false, locale: 'en-US', messages: { 'en-US': enUS } })
const t = i18n.global.t as (key: string, named?: Record<string, unknown>) => string
const labels = rowLabels(t)
const context = {
  facts: DEFAULT_SERVER_FACTS,
  nowSeconds: 1_800_000_000,
  locale: 'en-US',
  labels,
  groupLabel: (group: string | null | undefined) => group || 'Default',
}

const row = (id: number, name: string): OverlaidRow => ({
  token: makeToken({ id, name }),
  drafts: [],
  state: null,
  deleting: false,
  creating: false,
})

function inputs(columns = TOKEN_COLUMNS, selected = new Set<number>()): RowInputs {
  return {
    columns,
    labels,
    view: (shown) => rowView(shown, context),
    marks: (place) => ({
      selected: selected.has(place.row.token.id),
      kept: false,
      current: place.index === 0,
      keysOpen: false,
      keysBusy: false,
    }),
  }
}

const place = (key: number, shown: OverlaidRow | null, index = key): RowPlace =>
  shown ? { key, row: shown, index, offset: index * 44 } : { key, row: null, index: -1, offset: 0 }

describe('the table body', () => {
  it('shows each place’s row, named and positioned for assistive technology', () => {
    const body = document.createElement('div')
    const grid = createGridBody(body)
    grid.render([place(0, row(1, 'alpha')), place(1, row(2, 'bravo'))], inputs())
    const [first, second] = [...body.children] as HTMLElement[]
    expect(first!.getAttribute('role')).toBe('row')
    expect(second!.getAttribute('aria-rowindex')).toBe('3')
    expect(second!.dataset.tokenId).toBe('2')
    expect(second!.style.transform).toBe('translateY(44px)')
    expect(second!.querySelector('.token-name')?.textContent).toBe('bravo')
  })

  it('keeps a place’s element when it waits without a row, hidden, and reuses it for the next', () => {
    const body = document.createElement('div')
    const grid = createGridBody(body)
    grid.render([place(0, row(1, 'alpha')), place(1, row(2, 'bravo'))], inputs())
    const before = [...body.children]
    grid.render([place(0, row(1, 'alpha')), place(1, null)], inputs())
    const spare = body.children[1] as HTMLElement
    expect([...body.children]).toEqual(before)
    expect(spare.classList.contains('grid-row--spare')).toBe(true)
    expect(spare.getAttribute('aria-hidden')).toBe('true')
    for (const name of ['role', 'aria-rowindex', 'aria-selected', 'data-token-id'])
      expect(spare.hasAttribute(name)).toBe(false)
    expect(grid.placeOf(spare.querySelector('.token-name')!)).toBeNull()

    grid.render([place(0, row(1, 'alpha')), place(1, row(7, 'golf'), 5)], inputs(TOKEN_COLUMNS, new Set([7])))
    expect([...body.children]).toEqual(before)
    expect(spare.getAttribute('role')).toBe('row')
    expect(spare.hasAttribute('aria-hidden')).toBe(false)
    expect(spare.classList.contains('grid-row--selected')).toBe(true)
    expect(spare.getAttribute('aria-selected')).toBe('true')
    expect(grid.placeOf(spare.querySelector('[data-action="edit"]')!)?.row.token.name).toBe('golf')
    expect(grid.placeOf(spare)?.index).toBe(5)
  })

  it('keeps its rows in the page in the order they are seen, after a scroll reuses the top one below', () => {
    const body = document.createElement('div')
    const grid = createGridBody(body)
    const rows = [row(1, 'alpha'), row(2, 'bravo'), row(3, 'charlie'), row(4, 'delta')]
    grid.render([place(0, rows[0]!, 0), place(1, rows[1]!, 1), place(2, rows[2]!, 2)], inputs())
    // Scrolled by one row: row 0 left at the top, row 3 came in at the bottom on its element.
    grid.render([place(0, rows[3]!, 3), place(1, rows[1]!, 1), place(2, rows[2]!, 2)], inputs())
    const read = () => [...body.children].map((element) => element.querySelector('.token-name')?.textContent)
    expect(read()).toEqual(['bravo', 'charlie', 'delta'])
    // And back up.
    grid.render([place(0, rows[0]!, 0), place(1, rows[1]!, 1), place(2, rows[2]!, 2)], inputs())
    expect(read()).toEqual(['alpha', 'bravo', 'charlie'])
  })

  it('builds a row’s cells again when the columns change', () => {
    const body = document.createElement('div')
    const grid = createGridBody(body)
    grid.render([place(0, row(1, 'alpha'))], inputs())
    const element = body.children[0]!
    expect(element.children).toHaveLength(TOKEN_COLUMNS.length + 1)
    const fewer = TOKEN_COLUMNS.filter((column) => column.key !== 'key' && column.key !== 'used')
    grid.render([place(0, row(1, 'alpha'))], inputs(fewer))
    expect(body.children[0]).toBe(element)
    expect(element.children).toHaveLength(fewer.length + 1)
    expect(element.querySelector('.grid-cell--key')).toBeNull()
  })
})
