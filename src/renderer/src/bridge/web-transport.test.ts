import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { CHANNEL_NAMES } from '@shared/contract/channel-names'
import { createSseParser } from './sse-parser'
import { createWebTransport } from './web-transport'

// The browser-host transport against a stubbed fetch (happy-dom supplies location, history and
// sessionStorage). The real server side is covered by tests/hosts/web-host.test.ts.

const SECRET = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'

type FetchArgs = [input: string, init?: RequestInit]

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

/** A response whose body the test pushes text into, like a live SSE connection. */
function streamResponse() {
  const encoder = new TextEncoder()
  let push!: ReadableStreamDefaultController<Uint8Array>
  const body = new ReadableStream<Uint8Array>({ start: (controller) => void (push = controller) })
  return {
    response: new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }),
    send: (text: string) => push.enqueue(encoder.encode(text)),
    end: () => push.close(),
  }
}

let fetchMock: ReturnType<typeof vi.fn<(...args: FetchArgs) => Promise<Response>>>

beforeEach(() => {
  sessionStorage.clear()
  history.replaceState(null, '', `/#secret=${SECRET}`)
  fetchMock = vi.fn<(...args: FetchArgs) => Promise<Response>>(async () =>
    jsonResponse(200, { ok: true, value: 1 }),
  )
  vi.stubGlobal('fetch', fetchMock)
})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('secret handling', () => {
  it('moves the secret from the address bar to sessionStorage', async () => {
    const api = createWebTransport()
    expect(location.hash).toBe('')
    expect(location.href).not.toContain(SECRET)
    expect(sessionStorage.getItem('tokenDesk.webSecret')).toBe(SECRET)
    await api.app.info()
    const init = fetchMock.mock.calls[0]![1]!
    expect(new Headers(init.headers).get('Authorization')).toBe(`Bearer ${SECRET}`)
  })

  it('keeps working after a reload (no fragment any more)', async () => {
    createWebTransport()
    history.replaceState(null, '', '/tokens')
    const api = createWebTransport()
    await api.tokens.list({ profileId: 'p1' })
    expect(new Headers(fetchMock.mock.calls[0]![1]!.headers).get('Authorization')).toBe(`Bearer ${SECRET}`)
  })

  it('without any secret answers forbidden and makes no request', async () => {
    history.replaceState(null, '', '/')
    const result = await createWebTransport().app.info()
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(fetchMock).not.toHaveBeenCalled()
  })
})

describe('calls', () => {
  it('builds exactly the contract shape', () => {
    const api = createWebTransport() as unknown as Record<string, Record<string, unknown>>
    const groups = new Map<string, string[]>()
    for (const channel of CHANNEL_NAMES) {
      const [group, method] = channel.split('.') as [string, string]
      groups.set(group, [...(groups.get(group) ?? []), method])
    }
    expect(Object.keys(api).sort()).toEqual([...groups.keys(), 'on'].sort())
    for (const [group, methods] of groups) expect(Object.keys(api[group]!).sort()).toEqual(methods.sort())
  })

  it('POSTs {"input": …} as JSON to /api/call/<channel> and returns the Result', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { ok: true, value: { id: 'p1' } }))
    const api = createWebTransport()
    const input = { name: 'Home', baseUrl: 'https://gw.example', userId: 1, accessToken: 't' }
    const result = await api.profiles.add(input as never)
    expect(result).toEqual({ ok: true, value: { id: 'p1' } })
    const [url, init] = fetchMock.mock.calls[0]!
    expect(url).toBe('/api/call/profiles.add')
    expect(init!.method).toBe('POST')
    expect(new Headers(init!.headers).get('Content-Type')).toBe('application/json')
    expect(JSON.parse(init!.body as string)).toEqual({ input })
  })

  it('passes the host error Result through', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(401, { ok: false, error: { code: 'forbidden', message: 'x' } }),
    )
    expect(await createWebTransport().app.info()).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'x' },
    })
  })

  it('turns a network failure into an offline Result instead of throwing', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    expect(await createWebTransport().tokens.get({ profileId: 'p1', id: 1 })).toMatchObject({
      ok: false,
      error: { code: 'offline' },
    })
  })

  it('turns a non-JSON answer into an error Result', async () => {
    fetchMock.mockResolvedValueOnce(new Response('<html>proxy error</html>', { status: 502 }))
    expect(await createWebTransport().app.info()).toMatchObject({
      ok: false,
      error: { code: 'internal', details: { httpStatus: 502 } },
    })
    fetchMock.mockResolvedValueOnce(new Response('not json', { status: 200 }))
    expect(await createWebTransport().app.info()).toMatchObject({
      ok: false,
      error: { code: 'bad-response' },
    })
  })
})

describe('events', () => {
  it('delivers SSE events split across chunks to the right listeners, payload only', async () => {
    const stream = streamResponse()
    fetchMock.mockResolvedValueOnce(stream.response)
    const api = createWebTransport()
    const onTokens = vi.fn()
    const onProfiles = vi.fn()
    const off = api.on('tokens.changed', onTokens)
    api.on('profiles.changed', onProfiles)
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1))
    const [url, init] = fetchMock.mock.calls[0]!
    expect(url).toBe('/api/events')
    expect(new Headers(init!.headers).get('Authorization')).toBe(`Bearer ${SECRET}`)

    stream.send(': connected\n\nevent: tokens.chan')
    stream.send('ged\ndata: {"profileId":"p1","tokenIds":[1]}\n\n: keep-alive\n\n')
    await vi.waitFor(() => expect(onTokens).toHaveBeenCalledTimes(1))
    expect(onTokens.mock.calls[0]).toEqual([{ profileId: 'p1', tokenIds: [1] }])
    expect(onProfiles).not.toHaveBeenCalled()

    off()
    stream.send('event: tokens.changed\ndata: {"profileId":"p1","tokenIds":[2]}\n\n')
    stream.send('event: profiles.changed\ndata: {"profiles":[]}\n\n')
    await vi.waitFor(() => expect(onProfiles).toHaveBeenCalledTimes(1))
    expect(onTokens).toHaveBeenCalledTimes(1)
  })

  it('opens one stream, closes it when the last listener leaves', async () => {
    const stream = streamResponse()
    fetchMock.mockResolvedValueOnce(stream.response)
    const api = createWebTransport()
    const offA = api.on('tokens.changed', () => undefined)
    const offB = api.on('profiles.changed', () => undefined)
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1))
    const signal = fetchMock.mock.calls[0]![1]!.signal!
    offA()
    expect(signal.aborted).toBe(false)
    offB()
    expect(signal.aborted).toBe(true)
  })

  it('reconnects with backoff after the stream fails or ends', async () => {
    const second = streamResponse()
    fetchMock
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce(jsonResponse(503, {}))
      .mockResolvedValueOnce(second.response)
    const listener = vi.fn()
    const off = createWebTransport().on('tokens.changed', listener)
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(3), { timeout: 5000 })
    second.send('event: tokens.changed\ndata: {"profileId":"p","tokenIds":[]}\n\n')
    await vi.waitFor(() => expect(listener).toHaveBeenCalledTimes(1))
    off()
  })

  it('stops retrying when the secret is refused', async () => {
    fetchMock.mockResolvedValue(jsonResponse(401, { ok: false, error: { code: 'forbidden', message: 'no' } }))
    const off = createWebTransport().on('tokens.changed', () => undefined)
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1))
    await new Promise((resolve) => setTimeout(resolve, 700))
    expect(fetchMock).toHaveBeenCalledTimes(1)
    off()
  })

  it('hands over an answer only after the events emitted before it, as IPC would', async () => {
    const stream = streamResponse()
    fetchMock.mockImplementation(async (url) =>
      url === '/api/events'
        ? stream.response
        : new Response(JSON.stringify({ ok: true, value: 'saved' }), {
            status: 200,
            headers: { 'Content-Type': 'application/json', 'X-TokenDesk-Events': '8' },
          }),
    )
    const api = createWebTransport()
    const seen: string[] = []
    api.on('drafts.changed', () => seen.push('event'))
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1))
    stream.send('id: 7\n\n')
    await new Promise((resolve) => setTimeout(resolve, 20))
    const answered = api.app.info().then(() => seen.push('answer'))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(seen).toEqual([])
    stream.send('id: 8\nevent: drafts.changed\ndata: {"profileId":"p1"}\n\n')
    await answered
    expect(seen).toEqual(['event', 'answer'])
  })

  it('does not hold answers when no stream is open, or for longer than a stalled stream deserves', async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ ok: true, value: 1 }), {
        status: 200,
        headers: { 'X-TokenDesk-Events': '99' },
      }),
    )
    expect(await createWebTransport().app.info()).toEqual({ ok: true, value: 1 })

    const stream = streamResponse()
    fetchMock.mockImplementation(async (url) =>
      url === '/api/events'
        ? stream.response
        : new Response(JSON.stringify({ ok: true, value: 2 }), { headers: { 'X-TokenDesk-Events': '99' } }),
    )
    const api = createWebTransport()
    api.on('drafts.changed', () => undefined)
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2))
    stream.send('id: 3\n\n')
    await new Promise((resolve) => setTimeout(resolve, 20))
    const started = Date.now()
    expect(await api.app.info()).toEqual({ ok: true, value: 2 })
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900)
    // The stream drops: whoever waits is let go at once.
    const waiting = api.app.info()
    stream.end()
    expect(await waiting).toEqual({ ok: true, value: 2 })
  })

  it('refuses unknown event names', () => {
    const api = createWebTransport() as unknown as { on: (event: string, listener: unknown) => () => void }
    expect(() => api.on('event:tokens.changed', () => undefined)).toThrow(/Unknown TokenDesk event/)
    expect(() => api.on('tokens.changed', 'nope')).toThrow(/must be a function/)
    expect(fetchMock).not.toHaveBeenCalled()
  })
})

describe('createSseParser', () => {
  it('handles CRLF, multi-line data, comments and default event names', () => {
    const seen: [string, string][] = []
    const feed = createSseParser((event, data) => seen.push([event, data]))
    feed(': hello\r\nevent: a\r\ndata: 1\r\ndata: 2\r\n\r\n')
    feed('data:3\n\n')
    feed('event: ignored-without-data\n\n')
    feed('data: 4\r')
    feed('\ndata: 5\r\n\r\n')
    expect(seen).toEqual([
      ['a', '1\n2'],
      ['message', '3'],
      ['message', '4\n5'],
    ])
  })
})
