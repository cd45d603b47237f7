import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppError } from '../../src/shared/result'
import {
  classifyFetchFailure,
  classifyHttpStatus,
  parseBody,
} from '../../src/main/core/gateway/classify-response'
import { unwrapEnvelope } from '../../src/main/core/gateway/envelope'
import {
  ExactNumber,
  parseExactJson,
  stringifyExactJson,
  toPlainData,
} from '../../src/main/core/gateway/exact-json'
import { pairedUpdate } from './gateway-fixture'
import { startTransport, type TransportFixture } from './transport-fixture'

// Issue 3 items 4 and 5 below the table of bad answers: exact numbers through a full update, the size
// cap while streaming, the access token never echoed, and the classification rules themselves (both
// auth styles, every message of the classic table).

let fixture: TransportFixture | undefined
let server: Server | undefined
afterEach(async () => {
  await fixture?.close()
  fixture = undefined
  server?.closeAllConnections()
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
  server = undefined
})

/** A bare HTTP server for answers the sandbox cannot give (it stores numbers as JS numbers). */
async function serve(
  handler: (req: IncomingMessage, body: string, res: ServerResponse) => void,
): Promise<string> {
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
    req.on('end', () => handler(req, body, res))
  })
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

describe('exact numbers', () => {
  it('keeps integers beyond 2^53 exact, and every other number a plain number', () => {
    const text =
      '{"big":9223372036854775807,"neg":-12345678901234567890,"safe":250000000000,"f":0.1,"n":null}'
    const value = parseExactJson(text) as Record<string, unknown>
    expect(value.big).toBeInstanceOf(ExactNumber)
    expect(String(value.big)).toBe('9223372036854775807')
    expect(value.safe).toBe(250_000_000_000)
    expect(value.f).toBe(0.1)
    expect(value.n).toBeNull()
    expect(stringifyExactJson(value)).toBe(text)
    // Anywhere else it is its digits as a string: never rounded, never a half-object.
    expect(JSON.parse(JSON.stringify(value))).toMatchObject({ big: '9223372036854775807' })
    expect(toPlainData(value)).toEqual({ ...value, big: '9223372036854775807', neg: '-12345678901234567890' })
    expect(structuredClone(toPlainData(value))).toEqual(toPlainData(value))
  })

  it('sends a fork field beyond 2^53 back in a full update digit for digit; null fields accepted', async () => {
    let putBody = ''
    const token =
      '{"id":7,"user_id":1,"key":"abcd**********wxyz","status":1,"name":"fork","created_time":1,' +
      '"accessed_time":0,"expired_time":-1,"remain_quota":100,"unlimited_quota":false,"used_quota":0,' +
      '"model_limits_enabled":false,"model_limits":null,"allow_ips":null,"group":null,"auto_groups":null,' +
      '"fork_snowflake":1844674407370955161,"fork_meta":{"ids":[9007199254740993,1]}}'
    const baseUrl = await serve((req, body, res) => {
      if (req.method === 'PUT') putBody = body
      res.setHeader('content-type', 'application/json')
      res.end(`{"success":true,"message":"","data":${token}}`)
    })
    fixture = await startTransport({}, {}, { baseUrl })
    const fresh = await fixture.client.getToken(7)
    expect(fresh).toMatchObject({ id: 7, allow_ips: null, group: null })
    await pairedUpdate(fixture.client, 7, { name: 'renamed' })
    expect(putBody).toContain('"fork_snowflake":1844674407370955161')
    expect(putBody).toContain('"fork_meta":{"ids":[9007199254740993,1]}')
    expect(putBody).toContain('"name":"renamed"')
  })
})

describe('answers too large', () => {
  it('stops reading a body without Content-Length as soon as it passes the cap', async () => {
    let sent = 0
    let closedEarly = false
    const baseUrl = await serve((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }) // chunked: no length to check first
      res.write('{"success":true,"message":"","data":"')
      const chunk = 'x'.repeat(16 * 1024)
      const pump = () => {
        while (sent < 50 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length
          if (!res.write(chunk)) return void res.once('drain', pump)
        }
        if (!res.destroyed) res.end('"}')
      }
      res.on('close', () => (closedEarly = sent < 50 * 1024 * 1024))
      pump()
    })
    fixture = await startTransport(
      {},
      { maxBodyBytes: 256 * 1024, pacer: { retry: { retries: 0 } } },
      { baseUrl },
    )
    await expect(
      fixture.http.request({ method: 'GET', path: '/api/status', auth: false }),
    ).rejects.toMatchObject({
      code: 'too-large',
    })
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(closedEarly).toBe(true)
    expect(sent).toBeLessThan(10 * 1024 * 1024)
  })
})

describe('the access token is never echoed', () => {
  it('masks it in a message from a server that repeats the Authorization header', async () => {
    const baseUrl = await serve((req, _body, res) => {
      res.writeHead(400, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ success: false, message: `bad header: ${req.headers.authorization}` }))
    })
    fixture = await startTransport({}, {}, { baseUrl, accessToken: async () => 'secret-access-token-123' })
    const error = await fixture.client.getToken(1).catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'validation', message: 'bad header: Bearer [access token]' })
    expect(await fixture.logText()).not.toContain('secret-access-token-123')
  })
})

describe('classification rules', () => {
  const json = (value: unknown) => parseBody(JSON.stringify(value))
  const http = (status: number, value: unknown, retryAfter: string | null = null) =>
    classifyHttpStatus(
      { status, body: json(value), retryAfter, location: null },
      Date.parse('2026-08-20T00:00:00Z'),
    )
  const envelope = (value: unknown) => {
    try {
      unwrapEnvelope(value)
      return null
    } catch (error) {
      return (error as AppError).toData()
    }
  }

  it.each([
    [401, '无权进行此操作，未登录且未提供 access token', 'auth'],
    [200, '无权进行此操作，access token 无效', 'auth'],
    [401, '无权进行此操作，未提供 New-Api-User', 'auth'],
    [401, '无权进行此操作，New-Api-User 格式错误', 'auth'],
    [401, '无权进行此操作，New-Api-User 与登录用户不匹配', 'auth'],
    [200, '用户已被封禁', 'forbidden'],
    [200, '无权进行此操作，权限不足', 'forbidden'],
  ])('classic: HTTP %i "%s" is %s, with the message verbatim', (status, message, code) => {
    const body = { success: false, message }
    const error = status === 200 ? envelope(body) : http(status, body)?.toData()
    expect(error).toMatchObject({ code, message })
  })

  it.each([
    [401, 'AUTH_UNAUTHORIZED', 'auth'],
    [401, 'AUTH_TOKEN_EXPIRED', 'auth'],
    [401, 'AUTH_SESSION_REVOKED', 'auth'],
    [401, 'AUTH_USER_INVALID', 'auth'],
    [403, 'AUTH_USER_DISABLED', 'forbidden'],
    [403, 'AUTH_INSUFFICIENT_PRIVILEGE', 'forbidden'],
    [401, 'AUTH_INTERNAL_ERROR', 'server'],
    [403, 'AUTH_SOMETHING_NEW', 'auth'],
  ])('current: HTTP %i %s is %s', (status, code, expected) => {
    expect(http(status, { success: false, code, message: 'x' })?.code).toBe(expected)
  })

  it('reads Retry-After as seconds or as a date', () => {
    expect(http(429, null, '7')?.details).toEqual({ httpStatus: 429, retryAfterSeconds: 7 })
    expect(http(429, null, 'Thu, 20 Aug 2026 00:00:30 GMT')?.details?.retryAfterSeconds).toBe(30)
    expect(http(429, null, 'soon')?.details).toEqual({ httpStatus: 429 })
  })

  it('tells a missing route from a missing record', () => {
    expect(
      http(404, { error: { message: 'Invalid URL (GET /api/x)', type: 'invalid_request_error' } })?.toData(),
    ).toEqual({
      code: 'not-found',
      message: 'Invalid URL (GET /api/x)',
      details: { httpStatus: 404, routeMissing: true, serverWords: true },
    })
    expect(envelope({ success: false, message: 'record not found' })).toEqual({
      code: 'not-found',
      message: 'record not found',
      details: { httpStatus: 200, serverWords: true },
    })
  })

  it('accepts null and missing message and data, and refuses a success that is not a boolean', () => {
    expect(unwrapEnvelope({ success: true, message: null })).toBeUndefined()
    expect(unwrapEnvelope({ success: true, data: null })).toBeNull()
    expect(envelope({ success: false, message: null })).toMatchObject({ code: 'validation' })
    // Nothing said: main's own summary, not marked as the server's words.
    expect(envelope({ success: false, message: '  ' })).toEqual({
      code: 'validation',
      message: 'The server refused the request without saying why.',
      details: { httpStatus: 200 },
    })
    expect(envelope({ success: 'true', data: {} })).toMatchObject({ code: 'bad-response' })
    expect(envelope([1, 2])).toMatchObject({ code: 'bad-response' })
  })

  it('classifies network failures by their cause, never quoting the error text', () => {
    const failure = (code: string) =>
      Object.assign(new TypeError('fetch failed: Bearer secret'), {
        cause: Object.assign(new Error('x'), { code }),
      })
    expect(classifyFetchFailure(failure('ENOTFOUND')).code).toBe('offline')
    expect(classifyFetchFailure(failure('EAI_AGAIN')).code).toBe('offline')
    expect(classifyFetchFailure(failure('ECONNREFUSED')).code).toBe('offline')
    expect(classifyFetchFailure(failure('ECONNRESET')).code).toBe('offline')
    expect(classifyFetchFailure(failure('CERT_HAS_EXPIRED')).code).toBe('tls')
    expect(classifyFetchFailure(failure('ERR_TLS_CERT_ALTNAME_INVALID')).code).toBe('tls')
    expect(classifyFetchFailure(failure('UNABLE_TO_VERIFY_LEAF_SIGNATURE')).code).toBe('tls')
    expect(classifyFetchFailure(failure('UND_ERR_CONNECT_TIMEOUT')).code).toBe('timeout')
    expect(classifyFetchFailure(new DOMException('aborted', 'TimeoutError')).code).toBe('timeout')
    expect(classifyFetchFailure(failure('ECONNRESET')).message).not.toContain('secret')
  })
})
