import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createLogger } from '../../src/main/core/logger'
import { GatewayClient, memoryOnly, type FeatureMemory } from '../../src/main/core/gateway/gateway-client'
import { GatewayHttpClient, type RequestOptions } from '../../src/main/core/gateway/http-client'
import { detectFeatures } from '../../src/main/core/gateway/detect-features'
import { startSandbox, type SandboxGateway, type SandboxOptions } from '../../src/sandbox/index'
import type { ServerFeatures } from '../../src/shared/domain/profile'
import type { QuotaIntent } from '../../src/shared/domain/quota-intent'
import type { Token, TokenChanges } from '../../src/shared/domain/token'
import { buildUpdateBody } from '../../src/shared/domain/update-body'

// A real GatewayClient (real paced HTTP client, pino logging to a temp folder) talking over loopback to
// a real sandbox gateway. `sent` lists the options of every request the client made, as the HTTP
// client received them (to check which rate-limit bucket a call asked for).

export interface GatewayFixture {
  sandbox: SandboxGateway
  client: GatewayClient
  sent: RequestOptions[]
  /** Where `client` keeps the server's features (as the profile does for a saved server). */
  memory: ReturnType<typeof memoryOnly>
  /** A second client for the same server (its own pacer): for tests that need many requests. */
  freshClient: (features?: ServerFeatures | null | FeatureMemory) => GatewayClient
  close: () => Promise<void>
}

export async function startGateway(options: SandboxOptions = {}): Promise<GatewayFixture> {
  const sandbox = await startSandbox(options)
  const logDir = await mkdtemp(join(tmpdir(), 'tokendesk-gateway-'))
  const logger = createLogger(logDir)
  const sent: RequestOptions[] = []
  const makeClient = (memory: FeatureMemory) => {
    const http = new GatewayHttpClient(
      {
        baseUrl: sandbox.baseUrl,
        userId: sandbox.userId,
        accessToken: async () => sandbox.accessToken,
        locale: () => 'en-US',
      },
      { fetch: globalThis.fetch, now: Date.now, logger },
    )
    // Record what each call asked the HTTP client for; the request itself runs unchanged.
    const request = http.request.bind(http)
    http.request = (requestOptions: RequestOptions) => {
      sent.push(structuredClone(requestOptions))
      return request(requestOptions)
    }
    return new GatewayClient(http, memory)
  }
  const memory = memoryOnly()
  return {
    sandbox,
    client: makeClient(memory),
    memory,
    sent,
    freshClient: (features) =>
      makeClient(
        features && 'get' in features ? features : memoryOnly((features as ServerFeatures | null) ?? null),
      ),
    close: async () => {
      await sandbox.close()
      logger.flush()
      await rm(logDir, { recursive: true, force: true })
    },
  }
}

/** A client that already knows the server's features (as one made for a saved profile does). */
export async function startDetectedGateway(options: SandboxOptions = {}): Promise<GatewayFixture> {
  const fixture = await startGateway(options)
  fixture.memory.set(await detectFeatures(fixture.freshClient()))
  fixture.sandbox.control.clearRequests()
  fixture.sent.length = 0
  return fixture
}

/** Request lines the sandbox received, e.g. `GET /api/token/?p=0&size=100`. */
export function requestLines(sandbox: SandboxGateway): string[] {
  return sandbox.control.requests().map((r) => `${r.method} ${r.path}`)
}

/** The fields a create needs, with a name unique to the test. */
export function newTokenFields(name: string) {
  return {
    name,
    remain_quota: 1_500_000,
    expired_time: -1,
    unlimited_quota: false,
    model_limits_enabled: true,
    model_limits: 'gpt-4o',
    allow_ips: '',
    group: 'default',
  }
}

/**
 * A full update as the write cycle sends it: a fresh read of token `id`, the body built from it (by
 * default the fresh token plus `changes`), and the PUT right behind the read. Resolves with the server's
 * answer; rejects with the PUT's (or the read's) error.
 */
export async function pairedUpdate(
  client: GatewayClient,
  id: number,
  changes: TokenChanges,
  quota: QuotaIntent | null = null,
  body: (fresh: Token) => Record<string, unknown> = (fresh) => buildUpdateBody(fresh, changes, quota),
): Promise<Token> {
  const { fresh, outcome } = await client.readThenUpdate(id, (read) => ({ body: body(read) }))
  if (!outcome) throw new Error('pairedUpdate: nothing was sent')
  if (!outcome.ok) throw outcome.error
  return outcome.answer ?? fresh
}
