// Which of the table's row elements shows which row. The elements form a pool that only grows (to the
// most rows ever in view at once): a row keeps its element while it stays in view, a row scrolled or
// filtered into view takes an element left free, and an element with no row waits, hidden, for the
// next. Scrolling by one row then redraws one element, and a filter that shows fewer rows and then
// more again builds none (building a row's cells costs as much script as the rest of a filter).

export interface RowSlot<T> {
  /** The element's key: stable for as long as the table lives. */
  key: number
  /** The row it shows, or null while it is spare. */
  item: T | null
}

/** Returns a placer: given the rows in view (each with its index in the list), the pool's slots. */
export function createRowSlots<T extends { index: number }>(): (items: readonly T[]) => RowSlot<T>[] {
  let placed = new Map<number, number>() // row index → slot
  let size = 0
  return (items) => {
    const next = new Map<number, number>()
    const taken = new Set<number>()
    for (const item of items) {
      const slot = placed.get(item.index)
      if (slot === undefined) continue
      next.set(item.index, slot)
      taken.add(slot)
    }
    let free = 0
    for (const item of items) {
      if (next.has(item.index)) continue
      while (taken.has(free)) free += 1
      next.set(item.index, free)
      taken.add(free)
    }
    for (const slot of taken) size = Math.max(size, slot + 1)
    placed = next
    const slots: RowSlot<T>[] = Array.from({ length: size }, (_, key) => ({ key, item: null }))
    for (const item of items) slots[next.get(item.index)!]!.item = item
    return slots
  }
}
