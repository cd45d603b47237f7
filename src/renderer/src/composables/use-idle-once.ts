import { onScopeDispose, ref, watch, type Ref } from 'vue'
import { whenIdle } from '@renderer/lib/when-idle'

// True once `source` has been truthy and then the browser has had a moment with nothing to do (or, at
// the latest, after a second): for a part that must be ready soon after something appears but must not
// hold it up — the rows' key menu (its chunk, Naive's dropdown and the client links) loads once the
// first rows are on screen, not in the frame that draws them.

const LATEST_MS = 1000

export function useIdleOnce(source: Ref<unknown>): Ref<boolean> {
  const ready = ref(false)
  let cancel = (): void => {}
  let asked = false
  const stop = watch(
    source,
    (value) => {
      if (!value || asked) return
      asked = true
      cancel = whenIdle(() => (ready.value = true), LATEST_MS)
    },
    { immediate: true },
  )
  onScopeDispose(() => {
    stop()
    cancel()
  })
  return ready
}
