import type { IncomingHttpHeaders } from 'node:http'
import type { FaultQueue } from './faults'
import type { ForkColumns, SandboxFork } from './fork-columns'
import type { ModeFeatures } from './mode-features'
import type { RateLimiters } from './rate-limiter'
import type { Lifecycle } from './sandbox-lifecycle'
import type { SandboxMode } from './sandbox-mode'
import type { SandboxUser } from './sandbox-user'
import type { TokenStore } from './token-store'
import type { RequestLog } from './request-log'
import type { DisplayType } from './sandbox-settings'
import type { UsageLog } from './usage-log'

// Everything a route handler may look at: the request as read, and the sandbox's state.

export interface SandboxState {
  mode: SandboxMode
  /** What this mode can do; handlers read flags here rather than comparing mode names. */
  features: ModeFeatures
  /** The reseller fork played, or null for plain new-api. */
  fork: SandboxFork | null
  /** That fork's extra token columns ({} for plain new-api). */
  forkColumns: ForkColumns
  accessToken: string
  quotaPerUnit: number
  displayType: DisplayType
  /** Reported by /api/status as `server_address`. */
  serverAddress: string
  /** token_setting.max_user_tokens: creating beyond it fails; fuzzy search above it is refused. */
  maxUserTokens: number
  /** Like a server without Redis: a use of an expired/exhausted token stores status 3/4. */
  statusOnUse: boolean
  /** Added before every answer outside the control surface. */
  latencyMs: number
  user: SandboxUser
  store: TokenStore
  log: RequestLog
  /** The server's usage log (GET /api/log/self): one row per billed relay call. */
  usage: UsageLog
  /** Draws the details of simulated relay calls (model, timings); seeded, so runs repeat. */
  random: () => number
  limiters: RateLimiters
  faults: FaultQueue
  lifecycle: Lifecycle
  /** Counts answers whose order the sandbox varies on purpose (see group-catalog.ts). */
  turn: number
}

export interface RequestContext {
  method: string
  path: string
  query: URLSearchParams
  /** The query string exactly as received, with its '?' (or ''). */
  search: string
  headers: IncomingHttpHeaders
  /** The body text as received ('' when none). */
  raw: string
  /** The body as JSON; undefined when it is not valid JSON. */
  json: unknown
  /** Captures of the route pattern (e.g. the token id). */
  params: string[]
  /** The peer address: rate limits are per client IP. */
  clientIp: string
  state: SandboxState
}
