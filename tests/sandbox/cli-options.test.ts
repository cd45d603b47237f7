import { describe, expect, it } from 'vitest'
import { DEFAULT_CLI_PORT, parseCliOptions } from '../../src/sandbox/cli-options'

// Flags of `npm run sandbox`.

describe('parseCliOptions', () => {
  it('defaults to port 3300 in current mode', () => {
    expect(parseCliOptions([])).toEqual({ mode: 'current', port: DEFAULT_CLI_PORT })
    expect(DEFAULT_CLI_PORT).toBe(3300)
  })

  it('reads every flag', () => {
    expect(
      parseCliOptions([
        '--port',
        '4000',
        '--mode',
        'classic',
        '--access-token',
        'abc',
        '--user-id',
        '9',
        '--seed-tokens',
        '40',
      ]),
    ).toEqual({ mode: 'classic', port: 4000, accessToken: 'abc', userId: 9, seedTokens: 40 })
  })

  it.each([
    [['--mode', 'one-api']],
    [['--port', 'x']],
    [['--port', '70000']],
    [['--user-id', '0']],
    [['--access-token', ' ']],
    [['--unknown']],
  ])('rejects %j', (argv) => {
    expect(() => parseCliOptions(argv)).toThrow()
  })
})

describe('parseCliOptions: modes, limits and simulation flags', () => {
  it('plays a fork only when asked, and only a known one', () => {
    expect(parseCliOptions([])).not.toHaveProperty('fork')
    expect(parseCliOptions(['--fork', 'anyapi']).fork).toBe('anyapi')
    expect(() => parseCliOptions(['--fork', 'one-hub'])).toThrow('--fork must be one of anyapi')
  })

  it('accepts every mode', () => {
    for (const mode of ['current', 'classic', 'legacy'])
      expect(parseCliOptions(['--mode', mode]).mode).toBe(mode)
  })

  it('reads limits, latency, token cap, money settings and status-on-use', () => {
    expect(
      parseCliOptions([
        '--rate-global',
        '5/1',
        '--rate-critical',
        'off',
        '--rate-search',
        '3/0.5',
        '--latency',
        '250',
        '--max-user-tokens',
        '20',
        '--quota-per-unit',
        '1000000',
        '--display-type',
        'CNY',
        '--server-address',
        'https://api.example.test',
        '--status-on-use',
      ]),
    ).toEqual({
      mode: 'current',
      port: DEFAULT_CLI_PORT,
      rateLimits: {
        global: { requests: 5, windowSeconds: 1 },
        critical: false,
        search: { requests: 3, windowSeconds: 0.5 },
      },
      latencyMs: 250,
      maxUserTokens: 20,
      quotaPerUnit: 1_000_000,
      displayType: 'CNY',
      serverAddress: 'https://api.example.test',
      statusOnUse: true,
    })
  })

  it.each([
    [['--rate-global', '5']],
    [['--rate-global', '0/10']],
    [['--rate-search', '5/0']],
    [['--rate-critical', 'never']],
    [['--latency', '-1']],
    [['--max-user-tokens', '0']],
    [['--display-type', 'EUR']],
  ])('rejects %j', (argv) => {
    expect(() => parseCliOptions(argv)).toThrow()
  })
})
