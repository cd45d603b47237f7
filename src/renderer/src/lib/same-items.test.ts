import { describe, expect, it } from 'vitest'
import { computed, ref } from 'vue'
import { keepWhenSameItems } from './same-items'

describe('keepWhenSameItems', () => {
  const a = { id: 1 }
  const b = { id: 2 }

  it('hands back the earlier list when the items and their order are the same', () => {
    const previous = [a, b]
    expect(keepWhenSameItems([a, b], previous)).toBe(previous)
  })

  it('takes the new list when an item, the order or the length differs', () => {
    const previous = [a, b]
    for (const next of [[b, a], [a], [a, b, { id: 3 }], [a, { id: 2 }]])
      expect(keepWhenSameItems(next, previous)).toBe(next)
    const first = [a]
    expect(keepWhenSameItems(first, undefined)).toBe(first)
  })

  it('keeps a computed list from notifying its readers when only the clock moved', () => {
    const now = ref(0)
    const items = [a, b]
    const list = computed<readonly (typeof a)[]>((previous) =>
      keepWhenSameItems(
        items.filter(() => now.value >= 0),
        previous,
      ),
    )
    const seen: unknown[] = []
    const reader = computed(() => (seen.push(list.value), list.value.length))
    expect(reader.value).toBe(2)
    now.value = 30
    expect(reader.value).toBe(2)
    expect(seen).toHaveLength(1)
    now.value = -1
    expect(reader.value).toBe(0)
    expect(seen).toHaveLength(2)
  })
})
