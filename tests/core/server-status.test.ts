import { describe, expect, it } from 'vitest'
import { serverFactsFromStatus } from '../../src/main/core/gateway/server-status'

describe('server status', () => {
  it('reads the display currency, falling back to display_in_currency on old servers', () => {
    expect(serverFactsFromStatus({ quota_per_unit: 1000, quota_display_type: 'CNY' })).toMatchObject({
      quotaPerUnit: 1000,
      displayType: 'CNY',
    })
    expect(serverFactsFromStatus({ display_in_currency: false }).displayType).toBe('TOKENS')
    expect(serverFactsFromStatus({ quota_per_unit: 'lots' }).quotaPerUnit).toBe(500_000)
  })

  it.each([
    ['a string', 'ok'],
    ['an array', [1, 2]],
    ['a number', 7],
  ])('reports a status that is %s as a bad response, not a crash', (_label, data) => {
    expect(() => serverFactsFromStatus(data)).toThrow(expect.objectContaining({ code: 'bad-response' }))
  })
})
