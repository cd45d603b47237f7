import type { ServerState } from '@shared/domain/server-state'

// How long main's pacer still holds a server's requests back for room in its request limit, as the
// header, the editor, the row actions and the Outbox all say it: only while the server is otherwise fine
// (an unreachable or refusing server says that instead), in whole seconds rounded up.

/** Seconds left (0: room any moment now), or null when nothing is held or the server has other news. */
export function heldSecondsLeft(state: ServerState | null | undefined, now: number): number | null {
  if (!state || state.heldUntil === null) return null
  if (state.reach.state !== 'online' && state.reach.state !== 'unknown') return null
  return Math.max(0, Math.ceil((state.heldUntil - now) / 1000))
}
