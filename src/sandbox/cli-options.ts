import { parseArgs } from 'node:util'
import type { RateLimit, RateLimitOptions } from './rate-limiter'
import type { SandboxOptions } from './sandbox-gateway'
import { SANDBOX_MODES, type SandboxMode } from './sandbox-mode'
import type { DisplayType } from './sandbox-settings'
import { SANDBOX_FORKS, type SandboxFork } from './fork-columns'

// Flags of `npm run sandbox`. Kept apart from cli.ts so parsing can be tested without starting a server.
// Only flags that were given end up in the options, so every default stays the gateway's own.

export const DEFAULT_CLI_PORT = 3300

export const CLI_USAGE = `Usage: node out/main/sandbox.js [--port N] [--mode ${SANDBOX_MODES.join('|')}] [--fork ${SANDBOX_FORKS.join('|')}]
  [--access-token X] [--user-id N] [--seed-tokens N] [--max-user-tokens N]
  [--quota-per-unit N] [--display-type USD|CNY|CUSTOM|TOKENS] [--server-address URL] [--latency MS] [--status-on-use]
  [--rate-global N/SECONDS|off] [--rate-critical N/SECONDS|off] [--rate-search N/SECONDS|off]`

const DISPLAY_TYPES: readonly DisplayType[] = ['USD', 'CNY', 'CUSTOM', 'TOKENS']

function integer(flag: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined
  const value = Number(text)
  if (!/^\d+$/.test(text) || value < min || value > max)
    throw new Error(`--${flag} must be an integer from ${min} to ${max}`)
  return value
}

/** "360/180" → 360 requests per 180 s; "off" disables the limiter. */
function rateLimit(flag: string, text: string | undefined): RateLimit | false | undefined {
  if (text === undefined) return undefined
  if (text === 'off') return false
  const found = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(text)
  const requests = Number(found?.[1])
  const windowSeconds = Number(found?.[2])
  if (!found || requests < 1 || !(windowSeconds > 0))
    throw new Error(`--${flag} must be REQUESTS/SECONDS (e.g. 360/180) or off`)
  return { requests, windowSeconds }
}

export function parseCliOptions(argv: string[]): SandboxOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      mode: { type: 'string' },
      fork: { type: 'string' },
      'access-token': { type: 'string' },
      'user-id': { type: 'string' },
      'seed-tokens': { type: 'string' },
      'max-user-tokens': { type: 'string' },
      'quota-per-unit': { type: 'string' },
      'display-type': { type: 'string' },
      'server-address': { type: 'string' },
      latency: { type: 'string' },
      'status-on-use': { type: 'boolean' },
      'rate-global': { type: 'string' },
      'rate-critical': { type: 'string' },
      'rate-search': { type: 'string' },
    },
    strict: true,
  })
  const mode = values.mode ?? 'current'
  if (!SANDBOX_MODES.includes(mode as SandboxMode))
    throw new Error(`--mode must be one of ${SANDBOX_MODES.join(', ')}`)
  const fork = values.fork
  if (fork !== undefined && !SANDBOX_FORKS.includes(fork as SandboxFork))
    throw new Error(`--fork must be one of ${SANDBOX_FORKS.join(', ')}`)
  const accessToken = values['access-token']
  if (accessToken !== undefined && accessToken.trim() === '')
    throw new Error('--access-token must not be empty')
  const displayType = values['display-type']
  if (displayType !== undefined && !DISPLAY_TYPES.includes(displayType as DisplayType))
    throw new Error(`--display-type must be one of ${DISPLAY_TYPES.join(', ')}`)
  const options: SandboxOptions = {
    mode: mode as SandboxMode,
    port: integer('port', values.port, 0, 65_535) ?? DEFAULT_CLI_PORT,
  }
  const userId = integer('user-id', values['user-id'], 1, 2_147_483_647)
  const seed = integer('seed-tokens', values['seed-tokens'], 0, 5000)
  const maxUserTokens = integer('max-user-tokens', values['max-user-tokens'], 1, 1_000_000)
  const quotaPerUnit = integer('quota-per-unit', values['quota-per-unit'], 1, 1_000_000_000)
  const latencyMs = integer('latency', values.latency, 0, 600_000)
  if (fork !== undefined) options.fork = fork as SandboxFork
  if (accessToken !== undefined) options.accessToken = accessToken
  if (userId !== undefined) options.userId = userId
  if (seed !== undefined) options.seedTokens = seed
  if (maxUserTokens !== undefined) options.maxUserTokens = maxUserTokens
  if (quotaPerUnit !== undefined) options.quotaPerUnit = quotaPerUnit
  if (displayType !== undefined) options.displayType = displayType as DisplayType
  if (values['server-address'] !== undefined) options.serverAddress = values['server-address']
  if (latencyMs !== undefined) options.latencyMs = latencyMs
  if (values['status-on-use']) options.statusOnUse = true
  const rateLimits: RateLimitOptions = {}
  for (const name of ['global', 'critical', 'search'] as const) {
    const limit = rateLimit(`rate-${name}`, values[`rate-${name}`])
    if (limit !== undefined) rateLimits[name] = limit
  }
  if (Object.keys(rateLimits).length > 0) options.rateLimits = rateLimits
  return options
}
