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
    [['--mode', 'legacy']],
    [['--port', 'x']],
    [['--port', '70000']],
    [['--user-id', '0']],
    [['--access-token', ' ']],
    [['--unknown']],
  ])('rejects %j', (argv) => {
    expect(() => parseCliOptions(argv)).toThrow()
  })
})
