// Puts elements in the page in a wanted order with the fewest moves. The table reuses its row elements
// (row-slots.ts), so after a scroll the element of the row now at the bottom may be first in the page:
// the rows are placed by their transform and look right, but assistive technology, find-in-page and a
// copied selection read the page's order. Moving an element makes the browser lay it out afresh, so only
// the ones out of order move: those outside the longest run already in order (one per row scrolled).

/** Indices into `values` of one longest strictly increasing subsequence. */
function longestIncreasing(values: readonly number[]): number[] {
  const tails: number[] = [] // tails[k]: index of the smallest end of an increasing run of length k + 1
  const previous = new Array<number>(values.length).fill(-1)
  for (let index = 0; index < values.length; index += 1) {
    let low = 0
    let high = tails.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (values[tails[middle]!]! < values[index]!) low = middle + 1
      else high = middle
    }
    if (low > 0) previous[index] = tails[low - 1]!
    tails[low] = index
  }
  const run: number[] = []
  for (let index = tails.at(-1) ?? -1; index !== -1; index = previous[index]!) run.unshift(index)
  return run
}

/**
 * Orders `wanted` (children of `parent`) as listed, moving as few as possible; other children stay
 * where they are, before or between them.
 */
export function orderChildren(parent: Element, wanted: readonly Element[]): void {
  const position = new Map<Element, number>()
  let at = 0
  for (const child of parent.children) position.set(child, at++)
  const kept = new Set(longestIncreasing(wanted.map((element) => position.get(element) ?? -1)))
  for (let index = wanted.length - 1; index >= 0; index -= 1) {
    if (kept.has(index)) continue
    parent.insertBefore(wanted[index]!, wanted[index + 1] ?? null)
  }
}
