// Runs `callback` when the browser next has a moment with nothing to do, at the latest after `latestMs`
// (or in the next task where the browser has no idle callbacks); returns what cancels it.
export function whenIdle(callback: () => void, latestMs: number): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(callback, { timeout: latestMs })
    return () => window.cancelIdleCallback(handle)
  }
  const handle = setTimeout(callback, 0)
  return () => clearTimeout(handle)
}
