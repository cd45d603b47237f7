// Keeps answers behind their events: the browser host numbers its events (SSE ids) and names on each
// answer the last one emitted before it; an answer is handed to the app once the stream has delivered that
// event, so stores already reflect what the call did — as over IPC (see web-protocol.ts).

/** How long an answer waits for its events: a stalled stream must not stall the app. */
const CATCH_UP_MS = 2_000

/**
 * Where the event stream stands in the host's numbering, so answers can wait for their events. Until a
 * connection has told its number (and after it drops) nothing waits: events missed then are missed anyway.
 */
export function createCatchUp() {
  let delivered: number | null = null
  const waiting = new Set<{ seq: number; release: () => void }>()
  const release = (all: boolean) => {
    for (const waiter of waiting) if (all || (delivered !== null && delivered >= waiter.seq)) waiter.release()
  }
  return {
    /** A connection's first id sets the number (a restarted host counts from 0 again), later ids raise it. */
    seen(id: number, first: boolean) {
      delivered = first ? id : Math.max(delivered ?? 0, id)
      release(false)
    },
    disconnected() {
      delivered = null
      release(true)
    },
    until(seq: number): Promise<void> {
      if (delivered === null || delivered >= seq) return Promise.resolve()
      return new Promise((resolve) => {
        const waiter = {
          seq,
          release: () => {
            clearTimeout(timer)
            waiting.delete(waiter)
            resolve()
          },
        }
        const timer = setTimeout(waiter.release, CATCH_UP_MS)
        waiting.add(waiter)
      })
    },
  }
}

export type CatchUp = ReturnType<typeof createCatchUp>
