import type { IncomingHttpHeaders } from 'node:http'
import type { SandboxMode } from './sandbox-mode'
import type { SandboxUser } from './sandbox-user'
import type { TokenStore } from './token-store'
import type { RequestLog } from './request-log'
import type { DisplayType } from './sandbox-settings'

// Everything a route handler may look at: the request as read, and the sandbox's state.

export interface SandboxState {
  mode: SandboxMode
  accessToken: string
  quotaPerUnit: number
  displayType: DisplayType
  user: SandboxUser
  store: TokenStore
  log: RequestLog
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
  state: SandboxState
}
