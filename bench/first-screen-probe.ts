/// <reference lib="dom" />
/// <reference lib="dom.iterable" />

// Runs in the page before its own scripts (Playwright's addInitScript) and notes, in the page's own
// clock (performance.now(), from navigation start), when the first screen reaches each step:
// - interactive: the token screen's primary control (the "New token" button) is visible and enabled;
// - rows: the table (the region, grid or table with the table's label) shows a data row — a row with
//   cells, found by role, not by the table's markup, so it keeps working whichever component draws it.
// It checks once per animation frame and takes the time after that frame is painted (paint-clock.ts), as
// the other UI figures do; it also notes, for comparison, when a plain timer queued in that frame ran
// (how these figures were taken before: behind whatever else was queued).

export interface FirstScreenMarks {
  interactive: number | null
  rows: number | null
  /** The same steps, read by a timer queued in the frame (the earlier way). */
  timer: { interactive: number | null; rows: number | null }
}

export interface ProbeTargets {
  /** Accessible name of the primary control. */
  primary: string
  /** Accessible name of the region around the token table. */
  table: string
}

declare global {
  interface Window {
    __firstScreen?: FirstScreenMarks
  }
}

/**
 * Logged (console.debug) once every mark is taken. The bench waits for this line instead of polling the
 * page: Playwright's polling first injects its own script, 25 ms of the page's main thread right in the
 * middle of the first screen.
 */
export const FIRST_SCREEN_DONE = 'tokendesk-bench: first screen measured'

/** Serialised into the page: no imports, no closures over this module. */
export function installFirstScreenProbe(options: ProbeTargets & { done: string }): void {
  const { done, ...targets } = options
  const marks: FirstScreenMarks = { interactive: null, rows: null, timer: { interactive: null, rows: null } }
  const afterFrame = window.__afterFrame ?? ((callback: () => void) => setTimeout(callback, 0))
  window.__firstScreen = marks

  const shown = (element: Element): boolean => {
    const box = element.getBoundingClientRect()
    return box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < window.innerHeight
  }
  const named = (element: Element, name: string): boolean =>
    element.getAttribute('aria-label') === name || element.textContent?.trim() === name

  const primaryReady = (): boolean =>
    [...document.querySelectorAll<HTMLButtonElement>('button')].some(
      (button) => named(button, targets.primary) && !button.disabled && shown(button),
    )
  const rowsShown = (): boolean => {
    const region = [
      ...document.querySelectorAll('[role="region"], [role="grid"], [role="table"], table'),
    ].find((element) => element.getAttribute('aria-label') === targets.table)
    if (!region) return false
    // Implicit roles (tr) and explicit ones (role="row"); a data row has cells, the header row has not.
    return [...region.querySelectorAll('tr, [role="row"]')].some(
      (row) => row.querySelector('td, [role="cell"], [role="gridcell"]') !== null && shown(row),
    )
  }

  const finish = (): void => {
    const all = [marks.interactive, marks.rows, marks.timer.interactive, marks.timer.rows]
    if (all.every((mark) => mark !== null)) console.debug(done)
  }

  let seenInteractive = false
  let seenRows = false
  const check = (): void => {
    const interactive = !seenInteractive && primaryReady()
    const rows = !seenRows && rowsShown()
    seenInteractive ||= interactive
    seenRows ||= rows
    if (interactive || rows) {
      // This frame paints what was just found; the task runs after it.
      afterFrame(() => {
        const now = performance.now()
        if (interactive) marks.interactive = now
        if (rows) marks.rows = now
        finish()
      })
      setTimeout(() => {
        const now = performance.now()
        if (interactive) marks.timer.interactive = now
        if (rows) marks.timer.rows = now
        finish()
      }, 0)
    }
    if (!seenInteractive || !seenRows) requestAnimationFrame(check)
  }
  requestAnimationFrame(check)
}
