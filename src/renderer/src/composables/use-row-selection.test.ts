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
