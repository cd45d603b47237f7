import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Logger } from '../../src/main/core/logger'
import { LOG_FILE, createLogger, logFolderOf } from '../../src/main/core/logger'
import { GatewayClient } from '../../src/main/core/gateway/gateway-client'
import {
  GatewayHttpClient,
  type GatewayConnection,
  type HttpClientDeps,
} from '../../src/main/core/gateway/http-client'
import { startSandbox, type SandboxGateway, type SandboxOptions } from '../../src/sandbox/index'

// The transport under test as the app builds it: a real GatewayHttpClient (real pacer, real fetch, pino
// logging to a temp folder) talking over loopback to a real sandbox gateway. Tests shrink the timeouts,
// budgets and backoffs through the client's own options so they run in seconds.

export interface TransportFixture {
  sandbox: SandboxGateway
  http: GatewayHttpClient
  client: GatewayClient
  /** Another client for the same server (its own pacer), e.g. with wrong credentials. */
  clientWith: (
    connection?: Partial<GatewayConnection>,
    deps?: Partial<HttpClientDeps>,
  ) => { http: GatewayHttpClient; client: GatewayClient }
  logger: Logger
  /** Everything the clients logged so far. */
  logText: () => Promise<string>
  close: () => Promise<void>
}

export async function startTransport(
  sandboxOptions: SandboxOptions = {},
  deps: Partial<HttpClientDeps> = {},
  connectionOverrides: Partial<GatewayConnection> = {},
): Promise<TransportFixture> {
  const sandbox = await startSandbox(sandboxOptions)
  const logDir = await mkdtemp(join(tmpdir(), 'tokendesk-transport-'))
  const logger: Logger = createLogger(logDir)
  const clientWith = (connection: Partial<GatewayConnection> = {}, more: Partial<HttpClientDeps> = {}) => {
    const http = new GatewayHttpClient(
      {
        baseUrl: sandbox.baseUrl,
        userId: sandbox.userId,
        accessToken: async () => sandbox.accessToken,
        locale: () => 'en-US',
        ...connectionOverrides,
        ...connection,
      },
      { fetch: globalThis.fetch, now: Date.now, logger, ...deps, ...more },
    )
    return { http, client: new GatewayClient(http) }
  }
  const main = clientWith()
  return {
    sandbox,
    http: main.http,
    client: main.client,
    clientWith,
    logger,
    logText: async () => {
      logger.flush()
      await new Promise((resolve) => setTimeout(resolve, 50))
      return readFile(join(logFolderOf(logDir), LOG_FILE), 'utf8').catch(() => '')
    },
    close: async () => {
      await sandbox.close()
      logger.flush()
      await rm(logDir, { recursive: true, force: true })
    },
  }
}

/** Start times of the requests the sandbox received (epoch ms), optionally of one path prefix. */
export function arrivals(sandbox: SandboxGateway, pathPrefix = ''): number[] {
  return sandbox.control
    .requests()
    .filter((r) => r.path.startsWith(pathPrefix))
    .map((r) => r.at)
}

/** The most requests that arrived within any `windowMs` (a sliding window, as new-api counts). */
export function busiestWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b)
  let most = 0
  for (let start = 0, end = 0; end < sorted.length; end += 1) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= windowMs) start += 1
    most = Math.max(most, end - start + 1)
  }
  return most
}
