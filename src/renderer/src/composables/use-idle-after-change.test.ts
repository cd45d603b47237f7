import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import { useIdleAfterChange } from './use-idle-after-change'

// What can wait for a change to be on screen: false from each change until the browser is idle, a
// second change waits for its own idle moment, and nothing is left asked for once the screen is gone.

type IdleCallback = () => void

describe('useIdleAfterChange', () => {
  const idle = new Map<number, IdleCallback>()
  let handles = 0
  afterEach(() => {
    idle.clear()
    vi.unstubAllGlobals()
  })
  const withIdleCallbacks = () => {
    vi.stubGlobal('requestIdleCallback', (callback: IdleCallback) => {
      idle.set(++handles, callback)
      return handles
    })
    vi.stubGlobal('cancelIdleCallback', (handle: number) => idle.delete(handle))
  }
  const runIdle = () => {
    const waiting = [...idle.values()]
    idle.clear()
    for (const callback of waiting) callback()
  }

  it('is false from each change until the browser is idle', async () => {
    withIdleCallbacks()
    const rows = ref<string[]>([])
    const scope = effectScope()
    const ready = scope.run(() => useIdleAfterChange(() => rows.value))!
    expect(ready.value).toBe(false) // the first rows too
    runIdle()
    expect(ready.value).toBe(true)
    rows.value = ['a filter']
    await nextTick()
    expect(ready.value).toBe(false)
    runIdle()
    expect(ready.value).toBe(true)
    scope.stop()
  })

  it('waits for the idle moment after the last of several changes', async () => {
    withIdleCallbacks()
    const rows = ref(1)
    const scope = effectScope()
    const ready = scope.run(() => useIdleAfterChange(rows))!
    rows.value = 2
    await nextTick()
    rows.value = 3
    await nextTick()
    expect(idle.size).toBe(1) // the earlier waits were let go
    runIdle()
    expect(ready.value).toBe(true)
    scope.stop()
  })

  it('lets go of its wait with its screen', () => {
    withIdleCallbacks()
    const scope = effectScope()
    const ready = scope.run(() => useIdleAfterChange(ref(1)))!
    expect(idle.size).toBe(1)
    scope.stop()
    expect(idle.size).toBe(0)
    expect(ready.value).toBe(false)
  })

  it('falls back to the next task where the browser has no idle callbacks', async () => {
    vi.stubGlobal('requestIdleCallback', undefined)
    const scope = effectScope()
    const ready = scope.run(() => useIdleAfterChange(ref(1)))!
    expect(ready.value).toBe(false)
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(ready.value).toBe(true)
    scope.stop()
  })
})
