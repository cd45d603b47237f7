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

  it("reads the admin's address for clients as a base URL, and none from an unusable one", () => {
    const address = (server_address: unknown) => serverFactsFromStatus({ server_address }).serverAddress
    expect(address('https://api.example.com')).toBe('https://api.example.com')
    // Written as people write it: with the relay's /v1, a trailing slash, no scheme.
    expect(address('https://api.example.com/v1/')).toBe('https://api.example.com')
    expect(address('gw.example.com/relay')).toBe('https://gw.example.com/relay')
    expect(address('http://localhost:3000')).toBe('http://localhost:3000')
    for (const unusable of ['', '   ', 'ftp://files.example.com', 'https://', 42, undefined])
      expect(address(unusable)).toBeNull()
  })

  it.each([
    ['a string', 'ok'],
    ['an array', [1, 2]],
    ['a number', 7],
  ])('reports a status that is %s as a bad response, not a crash', (_label, data) => {
    expect(() => serverFactsFromStatus(data)).toThrow(expect.objectContaining({ code: 'bad-response' }))
  })
})
