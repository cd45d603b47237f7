/// <reference lib="dom" />

// Runs in the page before its own scripts (Playwright's addInitScript): how the UI figures tell that a
// frame has been painted. Called from a requestAnimationFrame callback, `__afterFrame` runs its callback
// in the first task after that frame — after its style, layout and paint. A plain `setTimeout(…, 0)`
// waits behind every task already queued (a network answer, the next page of tokens): measured in the
// same runs, it read up to 275 ms after the paint on a busy first screen. `scheduler.postTask` with the
// user-blocking priority runs ahead of those; where the browser has no scheduler, setTimeout it is.

declare global {
  interface Window {
    __afterFrame?: (callback: () => void) => void
    /** Runs `act` and times it to the next painted frame, and to the end of the page's script for it. */
    __toPaint?: (act: () => void) => Promise<PaintTiming>
  }
}

export interface PaintTiming {
  /** From before `act` to the first task after the next frame. */
  painted: number
  /** From before `act` to the end of the script it set off: the part of `painted` that is the page's. */
  script: number
}

interface TaskScheduler {
  postTask: (task: () => void, options: { priority: 'user-blocking' }) => Promise<unknown>
}

/** Serialised into the page: no imports, no closures over this module. */
export function installPaintClock(): void {
  const scheduler = (window as unknown as { scheduler?: TaskScheduler }).scheduler
  window.__afterFrame = (callback) => {
    if (scheduler) void scheduler.postTask(callback, { priority: 'user-blocking' })
    else setTimeout(callback, 0)
  }
  window.__toPaint = async (act) => {
    const started = performance.now()
    act()
    const painted = new Promise<void>((resolve) => requestAnimationFrame(() => window.__afterFrame!(resolve)))
    // Vue renders in a microtask the change queued, ahead of these: a few turns of the queue later, the
    // page's own work for `act` is done and what is left until the paint is the browser's.
    for (let turn = 0; turn < 3; turn += 1) await Promise.resolve()
    const script = performance.now() - started
    await painted
    return { painted: performance.now() - started, script }
  }
}
