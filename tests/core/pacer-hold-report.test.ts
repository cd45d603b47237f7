import { afterEach, expect, it, vi } from 'vitest'
import { HoldReport } from '../../src/main/core/gateway/pacer-hold'

// The hold a pacer reports: once per real change, and its end only when no other wait follows at once
// (two waits in a row read as one hold, not as "held, free, held").

afterEach(() => void vi.useRealTimers())

it('tells a hold, its moves of a second or more, and its end once no wait follows', () => {
  vi.useFakeTimers()
  const told: number[] = []
  const hold = new HoldReport((until) => told.push(until))
  hold.waiting(10_000)
  hold.waiting(10_400) // the same wait, looked at again
  hold.done()
  hold.waiting(12_000) // the next queued request waits too: still held
  expect(told).toEqual([10_000, 12_000])
  hold.done()
  vi.advanceTimersByTime(100)
  expect(told).toEqual([10_000, 12_000])
  vi.advanceTimersByTime(100)
  expect(told).toEqual([10_000, 12_000, 0])
})
