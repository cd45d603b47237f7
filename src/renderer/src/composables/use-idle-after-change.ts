import { onScopeDispose, ref, watch, type Ref, type WatchSource } from 'vue'
import { whenIdle } from '@renderer/lib/when-idle'

// False from a change of `source` until the browser next has a moment with nothing to do (at the latest
// a second later), then true: for work that can wait until what the change shows is on screen. The
// token table draws the rows beyond its bottom edge (there for a scroll to find ready) only then, so a
// filter or a sort writes the rows the user sees in its first frame and the others after it.

const LATEST_MS = 1000

export function useIdleAfterChange(source: WatchSource): Ref<boolean> {
  const ready = ref(false)
  let cancel = (): void => {}
  const wait = (): void => {
    cancel()
    ready.value = false
    cancel = whenIdle(() => (ready.value = true), LATEST_MS)
  }
  const stop = watch(source, wait, { immediate: true })
  onScopeDispose(() => {
    stop()
    cancel()
  })
  return ready
}
