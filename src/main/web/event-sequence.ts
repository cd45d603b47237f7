import type { EventName } from '@shared/contract/channel-names'
import type { CoreHostApi } from '../core/core-types'

// Over IPC a call's answer reaches the renderer after the events the call caused, because both travel
// down one pipe in order. Over HTTP they take two connections (the call, the event stream) and an answer
// can overtake its events: the UI would then act on an answer its stores do not reflect yet (e.g. look
// for a draft main has just made and conclude it is gone). So every event gets a number, each stream
// carries the numbers as SSE ids, and each answer names the last number emitted before it was sent; the
// page's transport holds the answer until its stream has caught up (see web-transport.ts).

export type NumberedListener = (seq: number, event: EventName, payload: unknown) => void

export interface EventSequence {
  /** The number of the last event the core emitted (0 before the first). */
  last(): number
  /** Listens to the core's events with their numbers; returns the unsubscribe function. */
  on(listener: NumberedListener): () => void
  close(): void
}

export function sequenceEvents(core: CoreHostApi): EventSequence {
  let seq = 0
  const listeners = new Set<NumberedListener>()
  // Subscribed only while a stream is open: with none, no page waits for a number, and a stream that
  // opens later starts from wherever the count stands.
  let unsubscribe: (() => void) | null = null
  const stop = () => {
    unsubscribe?.()
    unsubscribe = null
  }
  return {
    last: () => seq,
    on(listener) {
      listeners.add(listener)
      unsubscribe ??= core.onEvent((event, payload) => {
        seq += 1
        for (const each of listeners) each(seq, event, payload)
      })
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0) stop()
      }
    },
    close() {
      listeners.clear()
      stop()
    },
  }
}
