import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { CoreHostApi } from '../../src/main/core/core-types'
import { isLoopbackPeer } from '../../src/main/web/request-guards'
import { startWebHost, type WebHost } from '../../src/main/web/web-server'

// Request shapes that node:http cannot be made to send (two Host headers, a proxy-style absolute target),
// written byte for byte on a raw socket. Each carries the right secret and an allowed Host somewhere, so a
// refusal proves the shape itself is refused, not a missing credential.

const SECRET = 'refusals-secret-0123456789abcdefghijklmnop'

let host: WebHost
let allowedHost: string
const dispatch = vi.fn(async () => ({ ok: true as const, value: null }))
const core: CoreHostApi = { dispatch, onEvent: () => () => undefined, close: async () => undefined }

beforeAll(async () => {
  // No renderer folder is needed: every request here must be refused before a file is looked up.
  host = await startWebHost({ core, port: 0, rendererDir: '/nonexistent-renderer', secret: SECRET })
  allowedHost = new URL(host.origin).host
})

afterAll(() => host.close())

/** Sends raw request bytes and resolves with the status code of the answer (0 when none came). */
function rawStatus(head: string[], body = ''): Promise<number> {
  const port = Number(new URL(host.origin).port)
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`${head.join('\r\n')}\r\n\r\n${body}`))
    let answer = ''
    socket.setEncoding('utf8')
    socket.on('data', (chunk: string) => (answer += chunk))
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)))
    socket.on('error', reject)
  })
}

const apiCall = (target: string, hostLines: string[]) =>
  rawStatus(
    [
      `POST ${target} HTTP/1.1`,
      ...hostLines.map((value) => `Host: ${value}`),
      `Authorization: Bearer ${SECRET}`,
      'Content-Type: application/json',
      'Content-Length: 2',
      'Connection: close',
    ],
    '{}',
  )

describe('browser host refuses ambiguous or foreign request shapes', () => {
  it('accepts the well-formed call these cases are variations of', async () => {
    dispatch.mockClear()
    expect(await apiCall('/api/call/app.info', [allowedHost])).toBe(200)
    expect(dispatch).toHaveBeenCalledTimes(1)
  })

  it.each([
    ['allowed first', (own: string) => [own, 'evil.com']],
    ['allowed second', (own: string) => ['evil.com', own]],
    ['allowed twice', (own: string) => [own, own]],
  ])('refuses two Host headers (%s) with 421', async (_label, hosts) => {
    dispatch.mockClear()
    expect(await apiCall('/api/call/app.info', hosts(allowedHost))).toBe(421)
    expect(dispatch).not.toHaveBeenCalled()
  })

  it.each([
    'http://evil.com/api/call/app.info',
    'http://OWN/api/call/app.info',
    '//evil.com/api/call/app.info',
    '/\\evil.com/api/call/app.info',
    '*',
    'api/call/app.info',
  ])('refuses the request target %s with 400', async (target) => {
    dispatch.mockClear()
    expect(await apiCall(target.replace('OWN', allowedHost), [allowedHost])).toBe(400)
    expect(dispatch).not.toHaveBeenCalled()
  })

  it('refuses an absolute-form target for static files too', async () => {
    const status = await rawStatus([
      `GET http://evil.com/ HTTP/1.1`,
      `Host: ${allowedHost}`,
      'Connection: close',
    ])
    expect(status).toBe(400)
  })
})

describe('isLoopbackPeer', () => {
  // The host binds 127.0.0.1, so a test cannot connect from elsewhere; the check it runs on every
  // request's peer address is proved here on the addresses a socket can report.
  it.each(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])('accepts %s', (address) => {
    expect(isLoopbackPeer(address)).toBe(true)
  })

  it.each([
    '10.0.0.5',
    '192.168.1.20',
    '0.0.0.0',
    '::',
    '::ffff:10.0.0.5',
    'fe80::1',
    '2001:db8::1',
    '128.0.0.1',
    'localhost',
    '',
    undefined,
  ])('refuses %s', (address) => {
    expect(isLoopbackPeer(address)).toBe(false)
  })
})
