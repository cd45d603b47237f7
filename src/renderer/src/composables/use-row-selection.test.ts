import { describe, expect, it } from 'vitest'
import { ref } from 'vue'
import { overlayToken, type OverlaidRow } from '@shared/domain/draft-overlay'
import { makeToken } from '@renderer/test/fake-api'
import { useRowSelection } from './use-row-selection'

// The selection hands its rows on (keys copied, a bulk change's preview and report) in the order the
// table shows them, not the server's: a user who sorted by name copies the keys in that order.

const row = (id: number, name: string): OverlaidRow => overlayToken(makeToken({ id, name }), [])

describe('the selected rows', () => {
  it('come in the order shown, then those a filter hides', () => {
    const [a, b, c, d] = [row(1, 'alpha'), row(2, 'bravo'), row(3, 'charlie'), row(4, 'delta')]
    // The server lists newest first; the table is sorted by name, and a filter hides delta.
    const all = ref<OverlaidRow[]>([d, c, b, a])
    const shown = ref<OverlaidRow[]>([a, b, c])
    const selection = useRowSelection(shown, all)
    for (const picked of [c, a, b]) selection.toggle(picked)
    expect(selection.selectedRows.value.map((r) => r.token.name)).toEqual(['alpha', 'bravo', 'charlie'])
    shown.value = [a, b, c, d]
    selection.toggle(d)
    shown.value = [c, a]
    expect(selection.selectedRows.value.map((r) => r.token.name)).toEqual([
      'charlie',
      'alpha',
      'delta',
      'bravo',
    ])
  })
})

describe('a Shift range', () => {
  const rows = [1, 2, 3, 4, 5, 6].map((id) => row(id, `t${id}`))
  const names = (selection: ReturnType<typeof useRowSelection>) =>
    selection.selectedRows.value.map((r) => r.token.name)

  it('replaces the range before it from the same start: going back shrinks it', () => {
    const all = ref<OverlaidRow[]>(rows)
    const selection = useRowSelection(all, all)
    selection.toggle(rows[2]!) // t3, the start
    selection.extendTo(rows[3]!)
    selection.extendTo(rows[4]!)
    expect(names(selection)).toEqual(['t3', 't4', 't5'])
    selection.extendTo(rows[3]!)
    expect(names(selection)).toEqual(['t3', 't4'])
    // Past the start, the other way: from t3 up to t1.
    selection.extendTo(rows[0]!)
    expect(names(selection)).toEqual(['t1', 't2', 't3'])
  })

  it('keeps what was selected before its start was set', () => {
    const all = ref<OverlaidRow[]>(rows)
    const selection = useRowSelection(all, all)
    selection.toggle(rows[5]!) // t6, picked on its own
    selection.anchorAt(rows[0]!) // a plain click on t1
    selection.extendTo(rows[2]!)
    selection.extendTo(rows[1]!)
    expect(names(selection)).toEqual(['t1', 't2', 't6'])
  })
})
