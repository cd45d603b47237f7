import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { orderChildren } from './dom-order'

// The rows' elements are put in the page in the order they are seen, moving as few as possible.

function parentWith(count: number) {
  const parent = document.createElement('div')
  const children = Array.from({ length: count }, (_, index) => {
    const child = document.createElement('span')
    child.id = `c${index}`
    parent.append(child)
    return child
  })
  let moves = 0
  const insert = parent.insertBefore.bind(parent)
  parent.insertBefore = ((node: Node, before: Node | null) => {
    moves += 1
    return insert(node, before)
  }) as typeof parent.insertBefore
  return { parent, children, moves: () => moves }
}

const order = (parent: Element) => [...parent.children].map((child) => child.id)

describe('putting elements in order', () => {
  it('moves one element when the view scrolls by one row, either way', () => {
    const down = parentWith(5)
    const [first, ...rest] = down.children
    orderChildren(down.parent, [...rest, first!])
    expect(order(down.parent)).toEqual(['c1', 'c2', 'c3', 'c4', 'c0'])
    expect(down.moves()).toBe(1)

    const up = parentWith(5)
    const last = up.children.at(-1)!
    orderChildren(up.parent, [last, ...up.children.slice(0, -1)])
    expect(order(up.parent)).toEqual(['c4', 'c0', 'c1', 'c2', 'c3'])
    expect(up.moves()).toBe(1)
  })

  it('moves nothing when they are in order already', () => {
    const { parent, children, moves } = parentWith(6)
    orderChildren(parent, children.slice(1, 5))
    expect(moves()).toBe(0)
  })

  it('orders any subset as wanted, leaving the other children in the page', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 30 })
          .chain((count) =>
            fc.tuple(fc.constant(count), fc.shuffledSubarray(Array.from({ length: count }, (_, i) => i))),
          ),
        ([count, picked]) => {
          const { parent, children, moves } = parentWith(count)
          const wanted = picked.map((index) => children[index]!)
          orderChildren(parent, wanted)
          const seen = [...parent.children].filter((child) => wanted.includes(child as HTMLSpanElement))
          expect(seen).toEqual(wanted)
          expect(parent.children).toHaveLength(count)
          expect(moves()).toBeLessThanOrEqual(Math.max(0, wanted.length - 1))
        },
      ),
    )
  })
})
