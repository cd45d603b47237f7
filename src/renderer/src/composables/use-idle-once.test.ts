import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import { useIdleOnce } from './use-idle-once'

// A part loaded after what the user waits for: not before its condition holds, not in the same task,
// once the browser is idle, and never after the screen that wanted it is gone.

type IdleCallback = () => void

describe('useIdleOnce', () => {
  const idle: IdleCallback[] = []
  afterEach(() => {
    idle.length = 0
    vi.unstubAllGlobals()
  })
  const withIdleCallbacks = () => {
    vi.stubGlobal('requestIdleCallback', (callback: IdleCallback) => idle.push(callback))
    vi.stubGlobal('cancelIdleCallback', (handle: number) => idle.splice(handle - 1, 1))
  }

  it('waits for its condition, then for the browser to be idle, and stays true', async () => {
    withIdleCallbacks()
    const rowsShown = ref(false)
    const scope = effectScope()
    const ready = scope.run(() => useIdleOnce(rowsShown))!
    expect(idle).toHaveLength(0)
    rowsShown.value = true
    await nextTick()
    expect(ready.value).toBe(false) // not in the frame that draws the rows
    expect(idle).toHaveLength(1)
    idle[0]!()
    expect(ready.value).toBe(true)
    rowsShown.value = false
    await nextTick()
    expect(ready.value).toBe(true)
    scope.stop()
  })

  it('is asked for once, and forgotten with its screen', async () => {
    withIdleCallbacks()
    const scope = effectScope()
    const source = ref(1)
    const ready = scope.run(() => useIdleOnce(source))!
    source.value = 2
    await nextTick()
    expect(idle).toHaveLength(1)
    scope.stop()
    expect(idle).toHaveLength(0)
    expect(ready.value).toBe(false)
  })

  it('falls back to the next task where the browser has no idle callbacks', async () => {
    vi.stubGlobal('requestIdleCallback', undefined)
    const scope = effectScope()
    const ready = scope.run(() => useIdleOnce(ref(true)))!
    expect(ready.value).toBe(false)
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(ready.value).toBe(true)
    scope.stop()
  })
})
