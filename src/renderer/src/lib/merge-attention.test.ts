import { describe, expect, it } from 'vitest'
import { mergeWatchAttention, type WatchAttention } from './merge-attention'

const entered = (tokens: WatchAttention['tokens'], count = tokens.length): WatchAttention => ({
  kind: 'watch',
  profileId: 'p1',
  serverName: 'Main',
  count,
  tokens,
})

describe('mergeWatchAttention', () => {
  it('counts and names the tokens of both, in the order they entered', () => {
    const merged = mergeWatchAttention(
      entered([{ tokenId: 1, name: 'b-1', reasons: ['expiring'] }]),
      entered([{ tokenId: 2, name: 'b-2', reasons: ['expiring'] }]),
    )
    expect(merged.count).toBe(2)
    expect(merged.tokens.map((token) => token.name)).toEqual(['b-1', 'b-2'])
  })

  it('counts a token entering again (a new reason) once, with both reasons', () => {
    const merged = mergeWatchAttention(
      entered([{ tokenId: 1, name: 'b-1', reasons: ['expiring'] }]),
      entered([{ tokenId: 1, name: 'b-1', reasons: ['low'] }]),
    )
    expect(merged.count).toBe(1)
    expect(merged.tokens).toEqual([{ tokenId: 1, name: 'b-1', reasons: ['expiring', 'low'] }])
  })

  it('lists five names and counts the rest, beyond those either listed', () => {
    const many = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, index) => ({
        tokenId: from + index,
        name: `t-${from + index}`,
        reasons: ['expired' as const],
      }))
    const merged = mergeWatchAttention(entered(many(1, 5), 9), entered(many(10, 12)))
    expect(merged.count).toBe(12)
    expect(merged.tokens.map((token) => token.tokenId)).toEqual([1, 2, 3, 4, 5])
  })
})
