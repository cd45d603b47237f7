import { request as httpRequest } from 'node:http'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { networkInterfaces, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { CoreEventListener, CoreHostApi } from '../../src/main/core/core-types'
import { RENDERER_CSP_HEADER } from '../../src/shared/content-security-policy'
import { startWebHost, type WebHost } from '../../src/main/web/web-server'
import { MAX_BODY_BYTES } from '../../src/main/web/api-routes'

// The browser host over real loopback HTTP, with a small test double of CoreHostApi behind it.

const SECRET = 'test-secret-0123456789abcdefghijklmnopqrstuv'

interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

let host: WebHost
let port: number
let workDir: string
const listeners = new Set<CoreEventListener>()
const dispatch = vi.fn(async (channel: string, input: unknown) => ({
  ok: true as const,
  value: { channel, input },
}))
const core: CoreHostApi = {
  dispatch,
  onEvent: (listener) => {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
  close: async () => undefined,
}

/** node:http rather than fetch: tests need raw paths (`/../x`) and forged Host headers. */
function raw(
  path: string,
  options: {
    method?: string
    headers?: Record<string, string>
    body?: string | Buffer
    setHost?: boolean
  } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { ...(options.setHost === false ? {} : { host: `127.0.0.1:${port}` }), ...options.headers },
        setHost: options.setHost ?? true,
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

const auth = { authorization: `Bearer ${SECRET}` }
const call = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
  raw(`/api/call/${channel}`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'tokendesk-web-host-'))
  const rendererDir = join(workDir, 'renderer')
  await mkdir(join(rendererDir, 'assets'), { recursive: true })
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>TokenDesk</title>')
  await writeFile(join(rendererDir, 'assets', 'app-1a2b.js'), 'console.log(1)')
  await writeFile(join(rendererDir, 'assets', 'app-1a2b.css'), 'body{}')
  await writeFile(join(rendererDir, '.env'), 'SECRET=1')
  // Files next to the renderer folder that traversal must never reach.
  await writeFile(join(workDir, 'package.json'), '{"name":"leaked"}')
  await symlink(join(workDir, 'package.json'), join(rendererDir, 'assets', 'link.json'))
  host = await startWebHost({ core, port: 0, rendererDir, secret: SECRET })
  port = Number(new URL(host.origin).port)
})

afterAll(async () => {
  await host?.close()
  await rm(workDir, { recursive: true, force: true })
})

describe('startWebHost', () => {
  it('listens on 127.0.0.1 only and puts the secret in the fragment', async () => {
    expect(host.origin).toBe(`http://127.0.0.1:${port}`)
    expect(host.url).toBe(`http://127.0.0.1:${port}/#secret=${SECRET}`)
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === 'IPv4' && !address.internal)
    if (external) {
      const attempt = new Promise((resolve) => {
        const req = httpRequest({ host: external.address, port, path: '/' }, () => resolve('connected'))
        req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code))
        req.end()
      })
      expect(await attempt).toBe('ECONNREFUSED')
    }
  })

  it('makes a fresh base64url secret per launch', async () => {
    const a = await startWebHost({ core, rendererDir: workDir })
    const b = await startWebHost({ core, rendererDir: workDir })
    const secretOf = (h: WebHost) => new URLSearchParams(new URL(h.url).hash.slice(1)).get('secret')!
    expect(secretOf(a)).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(secretOf(a)).not.toBe(secretOf(b))
    await Promise.all([a.close(), b.close()])
  })

  it('refuses a weak fixed secret', async () => {
    await expect(startWebHost({ core, rendererDir: workDir, secret: 'short' })).rejects.toThrow()
  })
})

describe('calls', () => {
  it('round-trips a Result through core.dispatch', async () => {
    const res = await call('profiles.add', { input: { name: 'Home', baseUrl: 'https://x' } })
    expect(res.status).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(JSON.parse(res.body)).toEqual({
      ok: true,
      value: { channel: 'profiles.add', input: { name: 'Home', baseUrl: 'https://x' } },
    })
    expect(dispatch).toHaveBeenLastCalledWith('profiles.add', { name: 'Home', baseUrl: 'https://x' })
  })

  it('passes an absent input as undefined', async () => {
    await call('app.info', {})
    expect(dispatch).toHaveBeenLastCalledWith('app.info', undefined)
  })

  it.each([
    ['no header', {}],
    ['a wrong secret', { authorization: 'Bearer wrong-secret-wrong-secret-wrong-secret' }],
    ['a longer secret', { authorization: `Bearer ${SECRET}x` }],
    ['a prefix of the secret', { authorization: `Bearer ${SECRET.slice(0, 20)}` }],
    ['the secret without Bearer', { authorization: SECRET }],
    ['an empty bearer', { authorization: 'Bearer ' }],
  ])('answers 401 to %s without dispatching', async (_label, headers) => {
    dispatch.mockClear()
    const res = await raw('/api/call/app.info', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: '{}',
    })
    expect(res.status).toBe(401)
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(dispatch).not.toHaveBeenCalled()
  })

  it('404s an unknown channel, including prototype names', async () => {
    for (const channel of ['nope', 'profiles.nope', '__proto__', 'constructor', 'app.info/extra']) {
      const res = await call(channel, { input: null })
      expect(res.status).toBe(404)
    }
    expect(dispatch).not.toHaveBeenCalledWith('nope', expect.anything())
  })

  it('413s a body over the limit, declared or streamed', async () => {
    dispatch.mockClear()
    const big = JSON.stringify({ input: 'x'.repeat(MAX_BODY_BYTES) })
    const declared = await raw('/api/call/app.info', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: big,
    }).catch((error: NodeJS.ErrnoException) => ({ status: error.code }))
    expect([413, 'ECONNRESET', 'EPIPE']).toContain(declared.status)
    const chunked = await raw('/api/call/app.info', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      body: big,
    }).catch((error: NodeJS.ErrnoException) => ({ status: error.code }))
    expect([413, 'ECONNRESET', 'EPIPE']).toContain(chunked.status)
    expect(declared.status === 413 || chunked.status === 413).toBe(true)
    expect(dispatch).not.toHaveBeenCalled()
  })

  it('rejects non-JSON bodies and wrong methods', async () => {
    expect((await call('app.info', 'just a string')).status).toBe(400)
    expect((await call('app.info', [1, 2])).status).toBe(400)
    const form = await raw('/api/call/app.info', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'input=1',
    })
    expect(form.status).toBe(415)
    expect((await raw('/api/call/app.info', { headers: auth })).status).toBe(405)
  })
})

describe('Host and Origin checks', () => {
  // PORT is filled in at run time: the port is not known while tests are collected.
  it.each([
    'evil.com',
    'evil.com:PORT',
    '127.0.0.1:PORT.evil.com',
    '127.0.0.1:PORT@evil.com',
    '127.0.0.1',
    'localhost',
    '127.0.0.2:PORT',
    '0.0.0.0:PORT',
    '[::1]:PORT',
    'LOCALHOST:PORT',
    '127.0.0.1:0PORT',
  ])('refuses Host "%s", also for static files', async (hostHeader) => {
    const headers = { host: hostHeader.replace('PORT', String(port)) }
    expect((await raw('/', { headers })).status).toBe(421)
    expect(
      (await raw('/api/call/app.info', { method: 'POST', headers: { ...auth, ...headers } })).status,
    ).toBe(421)
  })

  it('refuses a request without Host', async () => {
    // Node itself already answers 400 to an HTTP/1.1 request without Host; either way nothing is served.
    expect([400, 421]).toContain((await raw('/', { setHost: false, headers: {} })).status)
  })

  it('accepts localhost:<port> as Host', async () => {
    const res = await raw('/', { headers: { host: `localhost:${port}` } })
    expect(res.status).toBe(200)
  })

  it.each([
    'https://evil.com',
    'http://evil.com',
    'null',
    'http://127.0.0.1:PORT.evil.com',
    'http://localhost:PORT',
    'https://127.0.0.1:PORT',
    'http://127.0.0.1:PORT/',
  ])('refuses Origin %s with 403', async (origin) => {
    dispatch.mockClear()
    const res = await call('app.info', {}, { origin: origin.replace('PORT', String(port)) })
    expect(res.status).toBe(403)
    expect(dispatch).not.toHaveBeenCalled()
  })

  it('accepts its own Origin', async () => {
    expect((await call('app.info', {}, { origin: host.origin })).status).toBe(200)
  })
})

describe('static files', () => {
  it('serves index.html with the strict headers', async () => {
    const res = await raw('/')
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.headers['content-security-policy']).toBe(RENDERER_CSP_HEADER)
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['referrer-policy']).toBe('no-referrer')
    expect(res.body).toContain('<title>TokenDesk</title>')
  })

  it('serves assets with their content types', async () => {
    expect((await raw('/assets/app-1a2b.js')).headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect((await raw('/assets/app-1a2b.css')).headers['content-type']).toBe('text/css; charset=utf-8')
  })

  it('falls back to index.html for client routes but not for missing assets', async () => {
    const route = await raw('/tokens/42')
    expect(route.status).toBe(200)
    expect(route.body).toContain('<title>TokenDesk</title>')
    expect((await raw('/assets/missing.js')).status).toBe(404)
  })

  it.each([
    '/../package.json',
    '/assets/../../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/package.json',
    '/..%2fpackage.json',
    '/..%2Fpackage.json',
    '/assets/..%2f..%2fpackage.json',
    '/%2e%2e%2fpackage.json',
    '/..%5cpackage.json',
    '/%252e%252e/package.json',
    '/assets/link.json',
    '/.env',
    '/%00/package.json',
    '/%E0%A4%A.json',
    '//../package.json',
  ])('does not serve %s', async (path) => {
    const res = await raw(path)
    expect(res.body).not.toContain('leaked')
    expect(res.body).not.toContain('SECRET=1')
    expect([400, 404]).toContain(res.status)
  })
})

describe('events', () => {
  it('requires the secret', async () => {
    expect((await raw('/api/events')).status).toBe(401)
  })

  it('streams core events as SSE and unsubscribes when the client leaves', async () => {
    const abort = new AbortController()
    const response = await fetch(`${host.origin}/api/events`, { headers: auth, signal: abort.signal })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    expect(listeners.size).toBe(1)

    const payload = { profileId: 'p1', tokens: [], removedIds: [3, 4] }
    for (const listener of listeners) listener('tokens.changed', payload)

    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
    let text = ''
    while (!text.includes('\n\nevent:') && !/event: tokens\.changed\ndata: .*\n\n/.test(text)) {
      const { value, done } = await reader.read()
      if (done) break
      text += value
    }
    expect(text).toContain(`event: tokens.changed\ndata: ${JSON.stringify(payload)}\n\n`)
    // Numbered: the stream opens with where the count stands, each event carries the next number, and
    // an answer names the last event emitted before it (the page waits for that one).
    const opening = Number(/^id: (\d+)\n\n/.exec(text)?.[1])
    expect(text).toContain(`id: ${opening + 1}\nevent: tokens.changed`)
    const answer = await call('app.info', { input: null })
    expect(answer.headers['x-tokendesk-events']).toBe(String(opening + 1))

    abort.abort()
    await vi.waitFor(() => expect(listeners.size).toBe(0))
  })
})
