import type { OverlaidRow } from '@shared/domain/draft-overlay'
import type { RowLabels } from '@renderer/lib/row-labels'
import type { RowView } from '@renderer/lib/row-view'
import type { ColumnDef } from '@renderer/lib/token-columns'
import { orderChildren } from './dom-order'
import { attributes } from './dom-writes'
import { buildRowCells, type RowMarks } from './grid-row-cells'

// The table's rows, as plain elements in its body: one element per place of the row pool (row-slots.ts),
// its cells built once per set of columns (grid-row-cells.ts). Each render writes only what changed, so
// a sort or filter costs the new texts and no framework work per row. The table listens once on the
// body for the rows' clicks and asks here which row an element belongs to.

export interface RowPlace {
  /** The pool's element for this place (stable). */
  key: number
  /** The row shown, or null while the element is spare. */
  row: OverlaidRow | null
  /** The row's index in the list (−1 when spare). */
  index: number
  /** Pixels from the top of the body. */
  offset: number
}

export interface RowInputs {
  columns: readonly ColumnDef[]
  labels: RowLabels
  view: (row: OverlaidRow) => RowView
  marks: (place: RowPlace & { row: OverlaidRow }) => RowMarks
}

interface RowElement {
  element: HTMLElement
  columns: readonly ColumnDef[] | null
  paint: ReturnType<typeof buildRowCells> | null
  place: RowPlace
  /** Sets one of the element's own attributes (written only when it changes). */
  set: (name: string, value: string | null) => void
}

export function createGridBody(body: HTMLElement) {
  const elements: RowElement[] = []
  const byElement = new WeakMap<Element, RowElement>()

  function render(places: readonly RowPlace[], inputs: RowInputs): void {
    for (const place of places) {
      let row = elements[place.key]
      if (!row) {
        const element = document.createElement('div')
        row = { element, columns: null, paint: null, place, set: attributes(element) }
        elements[place.key] = row
        byElement.set(element, row)
        body.append(element)
      }
      row.place = place
      const shown = place.row
      if (shown === null) {
        // Spare: out of sight, out of the accessibility tree and out of the scroll height; its cells
        // stay as they were, to be written over when it shows a row again.
        row.set('class', 'grid-row grid-row--spare')
        row.set('aria-hidden', 'true')
        for (const name of [
          'role',
          'aria-rowindex',
          'aria-selected',
          'data-token-id',
          'aria-description',
          'style',
        ])
          row.set(name, null)
        continue
      }
      const marks = inputs.marks({ ...place, row: shown })
      const classes = ['grid-row']
      if (marks.selected) classes.push('grid-row--selected')
      if (marks.kept) classes.push('grid-row--kept')
      if (shown.state !== null) classes.push('grid-row--draft')
      row.set('class', classes.join(' '))
      row.set('aria-hidden', null)
      row.set('role', 'row')
      row.set('aria-rowindex', String(place.index + 2))
      row.set('aria-selected', shown.creating ? null : String(marks.selected))
      row.set('data-token-id', String(shown.token.id))
      row.set('aria-description', marks.kept ? inputs.labels.keptWhileEditing : null)
      row.set('style', `transform: translateY(${place.offset}px)`)
      if (!row.paint || row.columns !== inputs.columns) {
        row.paint = buildRowCells(row.element, inputs.columns)
        row.columns = inputs.columns
      }
      row.paint(inputs.view(shown), marks, inputs.labels)
    }
    // In the page in the order they are seen: a reused element may have come from the other end.
    const inOrder = places.filter((place) => place.row !== null).sort((a, b) => a.index - b.index)
    orderChildren(
      body,
      inOrder.map((place) => elements[place.key]!.element),
    )
  }

  /** The row shown by the row element around `target`, and its index, or null. */
  function placeOf(target: Element): (RowPlace & { row: OverlaidRow }) | null {
    const element = target.closest('.grid-row')
    const row = element && body.contains(element) ? byElement.get(element) : undefined
    return row?.place.row ? (row.place as RowPlace & { row: OverlaidRow }) : null
  }

  return { render, placeOf }
}

export type GridBody = ReturnType<typeof createGridBody>
