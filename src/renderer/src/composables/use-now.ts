import { onScopeDispose, ref, type Ref } from 'vue'

// Effective status depends on the clock (a token expires while the table is open), so views read "now"
// from a ref that ticks instead of calling Date.now() once. Views ticking at the same interval share one
// clock, so two countdowns on screen never show different seconds.

const clocks = new Map<number, { now: Ref<number>; users: number; timer: number }>()

export function useNow(intervalMs = 30_000): Ref<number> {
  let clock = clocks.get(intervalMs)
  if (!clock) {
    const now = ref(Date.now())
    clock = { now, users: 0, timer: window.setInterval(() => (now.value = Date.now()), intervalMs) }
    clocks.set(intervalMs, clock)
  }
  const shared = clock
  shared.users += 1
  // A view joining a running clock must not start from its last tick (up to one interval old).
  shared.now.value = Date.now()
  onScopeDispose(() => {
    shared.users -= 1
    if (shared.users > 0) return
    window.clearInterval(shared.timer)
    clocks.delete(intervalMs)
  })
  return shared.now
}
