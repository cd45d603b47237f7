import { describe, expect, it } from 'vitest'
import { createRowSlots, type RowSlot } from './row-slots'

// The table's row elements: kept by their rows while in view, reused by new rows, never thrown away.

const rows = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, offset) => ({ index: from + offset }))
const shown = (slots: RowSlot<{ index: number }>[]) => slots.map((slot) => slot.item?.index ?? null)

describe('row slots', () => {
  it('gives each row in view its own element', () => {
    const place = createRowSlots<{ index: number }>()
    expect(shown(place(rows(0, 4)))).toEqual([0, 1, 2, 3])
  })

  it('keeps a row on its element while it stays in view: scrolling by one redraws one element', () => {
    const place = createRowSlots<{ index: number }>()
    place(rows(0, 4))
    // Row 0 leaves at the top, row 4 comes in at the bottom and takes its element.
    expect(shown(place(rows(1, 5)))).toEqual([4, 1, 2, 3])
    expect(shown(place(rows(2, 6)))).toEqual([4, 5, 2, 3])
  })

  it('keeps the elements of rows filtered away, spare, for the rows that come back', () => {
    const place = createRowSlots<{ index: number }>()
    place(rows(0, 5))
    const fewer = place(rows(0, 2))
    expect(fewer.map((slot) => slot.key)).toEqual([0, 1, 2, 3, 4])
    expect(shown(fewer)).toEqual([0, 1, null, null, null])
    expect(shown(place(rows(0, 5)))).toEqual([0, 1, 2, 3, 4])
    expect(shown(place([]))).toEqual([null, null, null, null, null])
  })

  it('grows when more rows are in view than ever before, without moving the others', () => {
    const place = createRowSlots<{ index: number }>()
    place(rows(0, 2))
    expect(shown(place(rows(0, 4)))).toEqual([0, 1, 2, 3])
  })

  it('never gives two rows one element, whatever the order of changes', () => {
    const place = createRowSlots<{ index: number }>()
    for (const [from, to] of [
      [0, 6],
      [3, 9],
      [40, 43],
      [41, 50],
      [0, 3],
      [2, 12],
    ] as const) {
      const slots = place(rows(from, to))
      const indices = shown(slots).filter((index) => index !== null)
      expect(new Set(indices).size).toBe(to - from)
      expect([...indices].sort((a, b) => a - b)).toEqual(rows(from, to).map((row) => row.index))
      expect(slots.map((slot) => slot.key)).toEqual(slots.map((_, key) => key))
    }
  })
})
