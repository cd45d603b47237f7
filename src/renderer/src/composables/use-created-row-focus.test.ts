import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import type { OverlaidRow } from '@shared/domain/draft-overlay'
import { makeToken } from '@renderer/test/fake-api'
import { useCreatedRowFocus } from './use-created-row-focus'

// The focus goes to a created token's row once the row is there, unless the user took it elsewhere
// first or the row does not come.

const rowOf = (id: number) => ({ token: makeToken({ id, name: `t${id}` }) }) as unknown as OverlaidRow

function setup() {
  const rows = ref<OverlaidRow[]>([rowOf(1)])
  const focusRow = vi.fn(async () => undefined)
  const scope = effectScope()
  const focusCreated = scope.run(() => useCreatedRowFocus(() => rows.value, focusRow))!
  const from = document.createElement('button')
  const elsewhere = document.createElement('input')
  document.body.append(from, elsewhere)
  from.focus()
  return { rows, focusRow, focusCreated, scope, elsewhere }
}

afterEach(() => {
  vi.useRealTimers()
  document.body.innerHTML = ''
})

describe('focus on a created token’s row', () => {
  it('waits for the row, then focuses its key actions', async () => {
    const { rows, focusRow, focusCreated } = setup()
    focusCreated(7)
    expect(focusRow).not.toHaveBeenCalled()
    rows.value = [rowOf(7), rowOf(1)]
    await nextTick()
    expect(focusRow).toHaveBeenCalledWith(0, 'keys')
  })

  it('does nothing once the user moved the focus', async () => {
    const { rows, focusRow, focusCreated, elsewhere } = setup()
    focusCreated(7)
    elsewhere.focus()
    rows.value = [rowOf(1), rowOf(7)]
    await nextTick()
    expect(focusRow).not.toHaveBeenCalled()
  })

  it('gives up when the row does not come within a few seconds', async () => {
    vi.useFakeTimers()
    const { rows, focusRow, focusCreated } = setup()
    focusCreated(7)
    vi.advanceTimersByTime(3_100)
    rows.value = [rowOf(7)]
    await nextTick()
    expect(focusRow).not.toHaveBeenCalled()
  })
})
