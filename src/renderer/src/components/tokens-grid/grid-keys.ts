import type { Ref } from 'vue'
import type { OverlaidRow } from '@shared/domain/draft-overlay'
import type { RowSelection } from '@renderer/composables/use-row-selection'
import { HEADER_HEIGHT, ROW_HEIGHT } from '@renderer/lib/token-columns'

// The token table's keys, as the ARIA grid pattern and a spreadsheet have them: ↑/↓, Page Up/Down and
// Ctrl+Home/End move between rows (to the same cell or button), ←/→ and Home/End along one; ↑ from the
// first row goes up into the header; Space selects, Shift extends, Ctrl+A selects every row shown,
// Escape clears the selection, Enter edits and Delete deletes (the selection, from one of its rows).

/**
 * A row's stops in the order ←/→ step through them: its checkbox (unless a create not yet on the server
 * has none to tick), its cells of data, then its buttons.
 */
export const ROW_STOPS = 'input[data-action="select"]:not(:disabled), [data-cell], button[data-action]'

export interface GridKeysDeps {
  rows: () => readonly OverlaidRow[]
  /** The row the keyboard is on (its index among the rows shown). */
  current: Ref<number>
  selection: RowSelection
  scroller: Ref<HTMLElement | null>
  body: Ref<HTMLElement | null>
  /** Focuses the header's control for this column (a row's `data-action` or `data-cell`), or its Tab stop. */
  focusHeader: (column: string | undefined) => void
  /** Focuses a row's cell or button (`data-action` / `data-cell`), scrolling the row into view. */
  focusRow: (index: number, control?: string) => Promise<void>
  edit: (row: OverlaidRow) => void
  remove: (row: OverlaidRow) => void
  removeSelection: () => void
}

/**
 * Focuses a row's cell or button with the table scrolled sideways to show it whole, beside the name
 * and actions that stay in place (sticky) rather than under them.
 */
export function focusInView(target: HTMLElement, scroller: HTMLElement | null): void {
  target.focus({ preventScroll: true })
  const row = target.closest<HTMLElement>('[aria-rowindex]')
  if (!scroller || !row || target.closest('.grid-cell--name, .grid-cell--actions')) return
  const box = target.getBoundingClientRect()
  const left = row.querySelector('.grid-cell--name')?.getBoundingClientRect().right ?? box.left
  const right = row.querySelector('.grid-cell--actions')?.getBoundingClientRect().left ?? box.right
  if (box.left < left) scroller.scrollLeft -= left - box.left
  else if (box.right > right) scroller.scrollLeft += Math.min(box.right - right, box.left - left)
}

/** The table's keydown handler. */
export function createGridKeys(deps: GridKeysDeps): (event: KeyboardEvent) => void {
  const { current, selection } = deps

  const pageRows = () =>
    Math.max(1, Math.floor(((deps.scroller.value?.clientHeight ?? 0) - HEADER_HEIGHT) / ROW_HEIGHT))

  /** ←/→ along the row, to the cell or button beside the focused one; Home/End to its first or last. */
  function moveAlongRow(target: HTMLElement, step: -1 | 1 | 'first' | 'last'): void {
    const stops = [...target.closest('[aria-rowindex]')!.querySelectorAll<HTMLElement>(ROW_STOPS)]
    const next =
      step === 'first'
        ? stops[0]
        : step === 'last'
          ? stops[stops.length - 1]
          : stops[stops.indexOf(target) + step]
    if (next) focusInView(next, deps.scroller.value)
  }

  return (event) => {
    const target = event.target as HTMLElement
    // Alt+↑/↓ steps the editor through the rows (the screen's key), wherever the focus is.
    if (event.altKey || !target.matches(ROW_STOPS) || !deps.body.value?.contains(target)) return
    // A button whose menu is open (Key ▾) leaves the arrows to the menu.
    if (target.getAttribute('aria-expanded') === 'true') return
    if ((event.key === 'ArrowLeft' || event.key === 'ArrowRight') && !event.shiftKey) {
      event.preventDefault()
      return moveAlongRow(target, event.key === 'ArrowLeft' ? -1 : 1)
    }
    // Home/End along the row, as in the header and a spreadsheet; with Ctrl, to the first or last row.
    const alongRow = !event.ctrlKey && !event.metaKey && !event.shiftKey
    if ((event.key === 'Home' || event.key === 'End') && alongRow) {
      event.preventDefault()
      return moveAlongRow(target, event.key === 'Home' ? 'first' : 'last')
    }
    // A row's buttons keep their own Space, Enter and Delete; moving, Ctrl+A and Escape are the table's.
    const onButton = target.dataset.action !== undefined
    const rows = deps.rows()
    const row = rows[current.value]
    const last = rows.length - 1
    const moves: Record<string, number> = {
      ArrowDown: current.value + 1,
      ArrowUp: current.value - 1,
      PageDown: current.value + pageRows(),
      PageUp: current.value - pageRows(),
      Home: 0, // with Ctrl (or Shift): the first row
      End: last,
    }
    if (event.key === 'ArrowUp' && current.value === 0 && !event.shiftKey) {
      // Above the first row is the header: sort, resize, select all — that column's, where it has one.
      event.preventDefault()
      deps.focusHeader(target.dataset.action ?? target.dataset.cell)
    } else if (event.key in moves) {
      event.preventDefault()
      const index = Math.min(last, Math.max(0, moves[event.key] as number))
      const next = rows[index]
      if (event.shiftKey && next) {
        if (row && !selection.isSelected(row)) selection.toggle(row)
        selection.extendTo(next)
      }
      // The same cell or button of the row moved to.
      void deps.focusRow(index, target.dataset.action ?? target.dataset.cell)
    } else if (event.key === 'a' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      if (!selection.allShownSelected.value) selection.toggleAllShown()
    } else if (event.key === 'Escape' && selection.selected.value.size > 0) {
      event.preventDefault()
      selection.clear()
    } else if (onButton) {
      return
    } else if (event.key === ' ' && row) {
      event.preventDefault()
      if (event.shiftKey) selection.extendTo(row)
      else selection.toggle(row)
    } else if (event.key === 'Enter' && row) {
      event.preventDefault()
      deps.edit(row)
    } else if (
      event.key === 'Delete' &&
      row &&
      selection.isSelected(row) &&
      selection.selected.value.size > 1
    ) {
      event.preventDefault()
      deps.removeSelection()
    } else if (event.key === 'Delete' && row && !row.creating && !row.deleting) {
      event.preventDefault()
      deps.remove(row)
    }
  }
}
