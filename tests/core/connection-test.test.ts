import { createServer, type Server } from 'node:http'
import { createServer as createTlsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { ConnectionReport } from '../../src/shared/domain/connection-report'
import type { AppErrorData } from '../../src/shared/result'
import { startCoreHarness, type CoreHarness } from './core-harness'
import { SELF_SIGNED_CERT, SELF_SIGNED_KEY } from './self-signed-cert'

// "Test connection" against a real sandbox gateway (and a real web server that is not one): each way a
// connection can fail names the one part of the form that is wrong, with the server's words kept.

let harness: CoreHarness | undefined
let other: Server | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
  await new Promise((resolve) => (other ? other.close(resolve) : resolve(null)))
  other = undefined
})

async function failure(input: Record<string, unknown>): Promise<AppErrorData> {
  const result = await harness!.call('profiles.test', input)
  if (result.ok) throw new Error('the connection test passed')
  return result.error
}

const fieldOf = (error: AppErrorData) => error.details?.fields?.map((f) => `${f.path}:${f.key}`)

function sandboxInput(overrides: Record<string, unknown> = {}) {
  return {
    baseUrl: harness!.sandbox.baseUrl,
    userId: harness!.sandbox.userId,
    accessToken: harness!.sandbox.accessToken,
    ...overrides,
  }
}

/** An address where nothing listens (a port just freed). */
async function closedPort(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return `http://127.0.0.1:${port}`
}

/** A web server that is not new-api: every path answers a web page. */
async function htmlServer(): Promise<string> {
  other = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html' })
    response.end('<!doctype html><title>Welcome to nginx!</title><h1>It works</h1>')
  })
  await new Promise<void>((resolve) => other!.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(other!.address() as AddressInfo).port}`
}

describe('test connection', () => {
  it('reports the server, the account, its role, balance and quota unit, and saves nothing', async () => {
    harness = await startCoreHarness()
    harness.sandbox.control.setUser({ role: 10 })
    const report = await harness.value<ConnectionReport>('profiles.test', sandboxInput())
    expect(report.server.quotaPerUnit).toBe(500_000)
    expect(report.user).toMatchObject({ id: harness.sandbox.userId, username: 'sandbox', role: 10 })
    expect(report.user.quota).toBeGreaterThan(0)
    expect(JSON.stringify(report)).not.toContain(harness.sandbox.accessToken)
    expect((await harness.value<{ profiles: unknown[] }>('profiles.list')).profiles).toHaveLength(0)
  })

  it('names the wrong access token (current server: AUTH_UNAUTHORIZED) beside the token field', async () => {
    harness = await startCoreHarness()
    const error = await failure(sandboxInput({ accessToken: 'not-the-token' }))
    expect(error.code).toBe('auth')
    expect(fieldOf(error)).toEqual(['accessToken:connection.tokenRejected'])
  })

  it('offers the user id a current server says the token belongs to', async () => {
    harness = await startCoreHarness()
    const error = await failure(sandboxInput({ userId: harness.sandbox.userId + 5 }))
    expect(error.details?.fields).toEqual([
      { path: 'userId', key: 'connection.userIdIsOther', params: { actual: harness.sandbox.userId } },
    ])
  })

  it('tells a wrong user id from a wrong token on classic servers (Chinese texts, HTTP 200 or 401)', async () => {
    harness = await startCoreHarness({ mode: 'classic' })
    const wrongUser = await failure(sandboxInput({ userId: harness.sandbox.userId + 1 }))
    expect(fieldOf(wrongUser)).toEqual(['userId:connection.userIdMismatch'])
    expect(wrongUser.message).toBe('无权进行此操作，New-Api-User 与登录用户不匹配')
    const wrongToken = await failure(sandboxInput({ accessToken: 'bad' }))
    expect(fieldOf(wrongToken)).toEqual(['accessToken:connection.tokenRejected'])
    expect(wrongToken.message).toBe('无权进行此操作，access token 无效')
  })

  it('says when the account is disabled or may not manage tokens, marking no field of the form', async () => {
    for (const mode of ['current', 'classic'] as const) {
      harness = await startCoreHarness({ mode })
      harness.sandbox.control.setUser({ status: 2 })
      expect(fieldOf(await failure(sandboxInput()))).toEqual(['account:connection.userDisabled'])
      harness.sandbox.control.setUser({ status: 1, role: 0 })
      const low = await failure(sandboxInput())
      expect(low.code).toBe('forbidden')
      expect(fieldOf(low)).toEqual(['account:connection.roleTooLow'])
      await harness.close()
      harness = undefined
    }
  })

  it('marks the address when nothing answers there, or something that is not new-api', async () => {
    harness = await startCoreHarness({}, { http: { timeoutMs: 500 } })
    const refused = await failure(sandboxInput({ baseUrl: await closedPort() }))
    expect(refused.code).toBe('offline')
    expect(fieldOf(refused)).toEqual(['baseUrl:connection.refused'])

    const dns = await failure(sandboxInput({ baseUrl: 'https://no-such-host.invalid' }))
    expect(fieldOf(dns)).toEqual(['baseUrl:connection.dns'])

    const tls = createTlsServer({ cert: SELF_SIGNED_CERT, key: SELF_SIGNED_KEY }, (_req, res) =>
      res.end('{}'),
    )
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve))
    const untrusted = await failure(
      sandboxInput({ baseUrl: `https://127.0.0.1:${(tls.address() as AddressInfo).port}` }),
    ).finally(() => tls.close())
    expect(untrusted.code).toBe('tls')
    expect(fieldOf(untrusted)).toEqual(['baseUrl:connection.tls'])

    harness.sandbox.control.injectFault({ kind: 'hang' }, { path: '/api/status', times: Infinity })
    const silent = await failure(sandboxInput())
    expect(silent.code).toBe('timeout')
    expect(fieldOf(silent)).toEqual(['baseUrl:connection.timeout'])
    harness.sandbox.control.clearFaults()

    const web = await failure(sandboxInput({ baseUrl: await htmlServer() }))
    expect(web.code).toBe('bad-response')
    expect(fieldOf(web)).toEqual(['baseUrl:connection.notNewApi'])
  })

  it('uses a saved server’s stored token when the form has none, and asks for one when none is stored', async () => {
    harness = await startCoreHarness()
    const { id } = await harness.addSandboxProfile()
    const report = await harness.value<ConnectionReport>(
      'profiles.test',
      sandboxInput({ profileId: id, accessToken: undefined }),
    )
    expect(report.user.id).toBe(harness.sandbox.userId)
    const none = await failure(sandboxInput({ accessToken: undefined }))
    expect(fieldOf(none)).toEqual(['accessToken:accessToken.required'])
  })
})
