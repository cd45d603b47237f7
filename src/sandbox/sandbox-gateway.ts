import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createHandler } from './http-handler'
import { RequestLog } from './request-log'
import type { SandboxState } from './request-context'
import { createControl, type SandboxControl } from './sandbox-control'
import type { SandboxMode } from './sandbox-mode'
import { DEFAULT_QUOTA_PER_UNIT, type DisplayType } from './sandbox-settings'
import { createUser } from './sandbox-user'
import { seedTokens } from './seed-tokens'
import { TokenStore } from './token-store'

// The sandbox gateway: an in-memory new-api look-alike on 127.0.0.1 for tests, `npm run sandbox` and
// the app's demo server. Pure Node (node:http), no Electron.

export type { SandboxMode } from './sandbox-mode'
export type { SandboxControl } from './sandbox-control'
export type { StoredToken } from './stored-token'
export type { RecordedRequest } from './request-log'

export interface SandboxOptions {
  /** Server generation to imitate; default 'current'. */
  mode?: SandboxMode
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
  /** How many tokens to seed; default 12 (the hand-written set; more adds plain bulk tokens). */
  seedTokens?: number
}

export interface SandboxGateway {
  /** e.g. http://127.0.0.1:40123 */
  baseUrl: string
  userId: number
  accessToken: string
  control: SandboxControl
  close(): Promise<void>
}

const DEFAULT_SEED_COUNT = 12

function randomAccessToken(): string {
  // 24 random bytes → 32 base64url characters, like the length of upstream's access tokens.
  return randomBytes(24).toString('base64url')
}

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxGateway> {
  const mode = options.mode ?? 'current'
  const userId = options.userId ?? 1
  const quotaPerUnit = options.quotaPerUnit ?? DEFAULT_QUOTA_PER_UNIT
  const accessToken = options.accessToken ?? randomAccessToken()
  const rows = seedTokens({
    count: options.seedTokens ?? DEFAULT_SEED_COUNT,
    userId,
    mode,
    nowSeconds: Math.floor(Date.now() / 1000),
  })
  const state: SandboxState = {
    mode,
    accessToken,
    quotaPerUnit,
    displayType: options.displayType ?? 'USD',
    user: createUser(userId, quotaPerUnit, rows),
    store: new TokenStore(rows),
    log: new RequestLog(),
  }
  const control = createControl(state)
  const handler = createHandler(state, control)
  const server = createServer((req, res) => void handler(req, res))

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    userId,
    accessToken,
    control,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        // fetch keeps connections alive; drop them so close() does not wait for their idle timeout.
        server.closeAllConnections()
      }),
  }
}
