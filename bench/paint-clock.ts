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
  }
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
}
