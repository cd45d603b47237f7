import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { FaultQueue } from './faults'
import { forkColumnsOf, type SandboxFork } from './fork-columns'
import { createHandler } from './http-handler'
import { MODE_FEATURES } from './mode-features'
import { createRateLimiters, type RateLimitOptions } from './rate-limiter'
import { RequestLog } from './request-log'
import type { SandboxState } from './request-context'
import { createControl, type SandboxControl } from './sandbox-control'
import { Lifecycle } from './sandbox-lifecycle'
import type { SandboxMode } from './sandbox-mode'
import { DEFAULT_QUOTA_PER_UNIT, type DisplayType } from './sandbox-settings'
import { createUser } from './sandbox-user'
import { seedSetSize, seedTokens, type SeedSet } from './seed-tokens'
import { TokenStore } from './token-store'
import { UsageLog } from './usage-log'
import { seededRandom } from './seeded-random'

// The sandbox gateway: an in-memory new-api look-alike on 127.0.0.1 for tests, `npm run sandbox` and
// the app's demo server. Pure Node (node:http), no Electron.

export type { SandboxMode } from './sandbox-mode'
export type { SandboxFork } from './fork-columns'
export type { SandboxControl } from './sandbox-control'
export type { StoredToken } from './stored-token'
export type { RecordedRequest } from './request-log'
export type { FaultOptions, SandboxFault } from './faults'
export type { RateLimit, RateLimitOptions } from './rate-limiter'
export type { UsageOptions, UseOutcome } from './token-usage'
export type { LogRow } from './usage-log'
export type { UsageHistoryOptions } from './usage-history'
export type { ModeFeatures } from './mode-features'
export type { SeedSet } from './seed-tokens'

export interface SandboxOptions {
  /** Server generation to imitate; default 'current'. */
  mode?: SandboxMode
  /**
   * Play a reseller's fork with its own token columns ('anyapi': mj_image_mode, mj_custom_proxy,
   * selected_groups). Default: plain new-api, which drops every field it does not know.
   */
  fork?: SandboxFork
  /** Default 0 (ephemeral). The sandbox always binds 127.0.0.1. */
  port?: number
  /** Default: a random 32-character string. */
  accessToken?: string
  /** Default 1. */
  userId?: number
  /** Default 500000 (1 USD). */
  quotaPerUnit?: number
  /** Default 'USD'. */
  displayType?: DisplayType
  /** The admin's address for clients (`server_address`); default upstream's value when never set. */
  serverAddress?: string
  /**
   * Which hand-written rows to seed: 'test' (default) covers every edge case a client must handle;
   * 'demo' is a realistic reseller's list for the app's demo server (demo-seed.ts).
   */
  seed?: SeedSet
  /** How many tokens to seed; default the whole hand-written set (12 test, 20 demo); more adds bulk tokens. */
  seedTokens?: number
  /** token_setting.max_user_tokens; default 1000. */
  maxUserTokens?: number
  /** Limiter settings; each defaults to upstream's (docs/newapi-behaviour.md §3), `false` turns one off. */
  rateLimits?: RateLimitOptions
  /** Milliseconds added before every answer to a client request (not control calls); default 0. */
  latencyMs?: number
  /** false: the log routes (GET /api/log/self, /api/log/self/stat) answer 404 as on a build without them. */
  usageLogs?: boolean
  /** Behave like a server without Redis: a use stores status 3/4 on expired/exhausted tokens. Default false. */
  statusOnUse?: boolean
}

export interface SandboxGateway {
  /** e.g. http://127.0.0.1:40123 */
  baseUrl: string
  userId: number
  accessToken: string
  control: SandboxControl
  /**
   * The server goes away as far as clients can tell — the port refuses connections and open ones are
   * cut — while every token, the usage running on them and the control levers stay: a gateway that is
   * down, or a network that is gone. comeBack() listens on the same port again.
   */
  goOffline(): Promise<void>
  comeBack(): Promise<void>
  /** Stops the server, every usage timer and every open connection; calling it again is harmless. */
  close(): Promise<void>
}

const DEFAULT_MAX_USER_TOKENS = 1000
/** system_setting.ServerAddress before an admin sets it. */
const UNSET_SERVER_ADDRESS = 'http://localhost:3000'
/** Seeds the details of simulated relay calls, so two runs log the same models. */
const RELAY_SEED = 0x10c5

function randomAccessToken(): string {
  // 24 random bytes → 32 base64url characters, like the length of upstream's access tokens.
  return randomBytes(24).toString('base64url')
}

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxGateway> {
  const mode = options.mode ?? 'current'
  const userId = options.userId ?? 1
  const quotaPerUnit = options.quotaPerUnit ?? DEFAULT_QUOTA_PER_UNIT
  const accessToken = options.accessToken ?? randomAccessToken()
  const fork = options.fork ?? null
  const forkColumns = forkColumnsOf(fork)
  const set = options.seed ?? 'test'
  const rows = seedTokens({
    count: options.seedTokens ?? seedSetSize(set),
    set,
    userId,
    mode,
    forkColumns,
    nowSeconds: Math.floor(Date.now() / 1000),
  })
  const features = { ...MODE_FEATURES[mode], usageLogs: options.usageLogs ?? true }
  const state: SandboxState = {
    mode,
    features,
    fork,
    forkColumns,
    accessToken,
    quotaPerUnit,
    displayType: options.displayType ?? 'USD',
    serverAddress: options.serverAddress ?? UNSET_SERVER_ADDRESS,
    maxUserTokens: options.maxUserTokens ?? DEFAULT_MAX_USER_TOKENS,
    statusOnUse: options.statusOnUse ?? false,
    latencyMs: options.latencyMs ?? 0,
    user: createUser(userId, quotaPerUnit, rows),
    store: new TokenStore(rows),
    log: new RequestLog(),
    usage: new UsageLog(),
    random: seededRandom(RELAY_SEED),
    limiters: createRateLimiters(options.rateLimits ?? {}, features),
    faults: new FaultQueue(),
    lifecycle: new Lifecycle(),
    turn: 0,
  }
  const control = createControl(state)
  const handler = createHandler(state, control)
  const server = createServer((req, res) => void handler(req, res))
  server.on('connection', (socket) => state.lifecycle.track(socket))

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject)
        resolve()
      })
    })
  await listen(options.port ?? 0)
  const { port } = server.address() as AddressInfo
  let offline: Promise<void> | null = null

  // Closing twice (a test that closes early, then its afterEach) is the same close.
  let closing: Promise<void> | undefined
  const close = () =>
    (closing ??= new Promise<void>((resolve, reject) => {
      // Offline, the listener is already closed: only the timers are left to stop.
      if (!server.listening) resolve()
      else server.close((error) => (error ? reject(error) : resolve()))
      // fetch keeps connections alive, and hung or slow answers hold theirs open: end them all, with
      // the usage timers, so close() returns at once.
      server.closeAllConnections()
      state.lifecycle.shutdown()
    }))

  const goOffline = () =>
    (offline ??= new Promise<void>((resolve) => {
      server.close(() => resolve())
      state.lifecycle.dropConnections()
    }))
  const comeBack = async () => {
    if (!offline || closing) return
    await offline
    offline = null
    // Another process may have taken the port meanwhile; then this rejects with EADDRINUSE.
    await listen(port)
  }

  return { baseUrl: `http://127.0.0.1:${port}`, userId, accessToken, control, goOffline, comeBack, close }
}
