import { onScopeDispose, ref, type Ref } from 'vue'

// Effective status depends on the clock (a token expires while the table is open), so views read "now"
// from a ref that ticks instead of calling Date.now() once.
export function useNow(intervalMs = 30_000): Ref<number> {
  const now = ref(Date.now())
  const timer = window.setInterval(() => (now.value = Date.now()), intervalMs)
  onScopeDispose(() => window.clearInterval(timer))
  return now
}
