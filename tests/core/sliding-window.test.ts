import { describe, expect, it } from 'vitest'
import { SlidingWindow } from '../../src/main/core/gateway/sliding-window'

// The model of a server's limiter: sends in any sliding window, the whole allowance at once.

describe('the sliding window', () => {
  it('lets the whole cap go at once, then waits for the oldest send to leave', () => {
    const window = new SlidingWindow({ requests: 3, windowMs: 1_000 })
    window.take(1, 0)
    window.take(2, 100)
    expect(window.waitMs(1, 100)).toBe(900) // the send at 0 leaves at 1000
    expect(window.waitMs(1, 1_000)).toBe(0)
    expect(window.waitMs(2, 1_000)).toBe(100) // two free only when the sends at 100 leave
  })

  it("lets the later sends of a group reach into the reserve, never beyond the server's limit", () => {
    const window = new SlidingWindow({ requests: 59, windowMs: 10_000, ceiling: 60 })
    window.take(58, 0)
    expect(window.waitMs(1, 0)).toBe(0) // the 59th single fits the cap
    expect(window.waitMs(2, 0)).toBe(0) // a pair: its read is the 59th, its write the 60th
    window.take(2, 0)
    expect(window.waitMs(1, 0)).toBe(10_000)
    const full = new SlidingWindow({ requests: 59, windowMs: 10_000, ceiling: 60 })
    full.take(59, 0)
    expect(full.waitMs(2, 0)).toBe(10_000) // the read would be the 60th: past the cap
  })

  it('gives back a slot a group did not use, and counts what the server saw before a send', () => {
    const window = new SlidingWindow({ requests: 2, windowMs: 1_000 })
    const [read, write] = window.take(2, 0)
    window.giveBack(write!)
    expect(window.waitMs(1, 0)).toBe(0)
    const [later] = window.take(1, 10)
    expect(window.countBefore(later!)).toBe(1)
    expect(window.countBefore(read!)).toBe(0)
  })
})
