import { parseArgs } from 'node:util'
import type { SandboxOptions } from './sandbox-gateway'
import { SANDBOX_MODES, type SandboxMode } from './sandbox-mode'

// Flags of `npm run sandbox`. Kept apart from cli.ts so parsing can be tested without starting a server.

export const DEFAULT_CLI_PORT = 3300

export const CLI_USAGE = `Usage: node out/main/sandbox.js [--port N] [--mode current|classic] [--access-token X] [--user-id N] [--seed-tokens N]`

function integer(flag: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined
  const value = Number(text)
  if (!/^\d+$/.test(text) || value < min || value > max)
    throw new Error(`--${flag} must be an integer from ${min} to ${max}`)
  return value
}

export function parseCliOptions(argv: string[]): SandboxOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      mode: { type: 'string' },
      'access-token': { type: 'string' },
      'user-id': { type: 'string' },
      'seed-tokens': { type: 'string' },
    },
    strict: true,
  })
  const mode = values.mode ?? 'current'
  if (!SANDBOX_MODES.includes(mode as SandboxMode)) throw new Error('--mode must be current or classic')
  const accessToken = values['access-token']
  if (accessToken !== undefined && accessToken.trim() === '')
    throw new Error('--access-token must not be empty')
  const options: SandboxOptions = {
    mode: mode as SandboxMode,
    port: integer('port', values.port, 0, 65_535) ?? DEFAULT_CLI_PORT,
  }
  const userId = integer('user-id', values['user-id'], 1, 2_147_483_647)
  const seed = integer('seed-tokens', values['seed-tokens'], 0, 5000)
  if (accessToken !== undefined) options.accessToken = accessToken
  if (userId !== undefined) options.userId = userId
  if (seed !== undefined) options.seedTokens = seed
  return options
}
