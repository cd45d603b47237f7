import { describe, expect, it } from 'vitest'
import { estimateServerLimit } from '../../src/main/core/gateway/refusal-estimate'

// The limit offered after a 429: the server's own (count and window) where its Retry-After and the send
// times tell it, else what TokenDesk's window held — never more than the server let through.

const SECOND = 1_000
/** One send a second from `start`, `count` of them (ms). */
const everySecond = (start: number, count: number) =>
  Array.from({ length: count }, (_, i) => start + i * SECOND)

describe('estimateServerLimit', () => {
  it('finds 30 per 60 s from a refusal after 30 sends in 30 s (Retry-After: the oldest leaves)', () => {
    const before = everySecond(0, 30) // 0 … 29 s
    const refusedAt = 30 * SECOND
    // The oldest (at 0 s) leaves a 60 s window at 60 s: 30 s from the refusal.
    expect(
      estimateServerLimit({ before, refusedAt, retryAfterMs: 30 * SECOND, windowMs: 180 * SECOND }),
    ).toEqual({
      requests: 30,
      windowSeconds: 60,
    })
  })

  it('leaves out older sends the server no longer counted (the shortest window that fits)', () => {
    // 10 sends long ago (0–9 s), then 30 in 30 s from 100 s: a 60 s window at 130 s holds only the 30.
    // (40 per 160 s would fit too; a burst is what a limiter refuses first.)
    const before = [...everySecond(0, 10), ...everySecond(100 * SECOND, 30)]
    const refusedAt = 130 * SECOND
    expect(
      estimateServerLimit({ before, refusedAt, retryAfterMs: 30 * SECOND, windowMs: 180 * SECOND }),
    ).toEqual({
      requests: 30,
      windowSeconds: 60,
    })
  })

  it('takes a Retry-After rounded up to whole seconds', () => {
    const before = everySecond(400, 30)
    const refusedAt = 30 * SECOND
    // The oldest leaves at 60.4 s: 30.4 s, said as 31.
    expect(
      estimateServerLimit({ before, refusedAt, retryAfterMs: 31 * SECOND, windowMs: 180 * SECOND }),
    ).toEqual({
      requests: 30,
      windowSeconds: 61,
    })
  })

  it('is the requests in TokenDesk’s window when the server sends no Retry-After', () => {
    const before = everySecond(0, 26)
    expect(
      estimateServerLimit({ before, refusedAt: 26 * SECOND, retryAfterMs: null, windowMs: 180 * SECOND }),
    ).toEqual({ requests: 26, windowSeconds: 180 })
  })

  it('never offers more requests than were let through, nor a longer window than TokenDesk’s', () => {
    for (const retryAfterMs of [1, 5 * SECOND, 59 * SECOND, 400 * SECOND]) {
      const before = everySecond(0, 20)
      const estimate = estimateServerLimit({
        before,
        refusedAt: 20 * SECOND,
        retryAfterMs,
        windowMs: 180 * SECOND,
      })
      expect(estimate.requests).toBeGreaterThan(0)
      expect(estimate.requests).toBeLessThanOrEqual(20)
      expect(estimate.windowSeconds).toBeLessThanOrEqual(180)
    }
  })
})
