import type { TokenDeskApi } from '@shared/contract/bridge-api'
import { splitChannelName } from '@shared/contract/bridge-api'
import { CHANNEL_NAMES, EVENT_NAMES } from '@shared/contract/channel-names'
import type { ChannelName, EventName } from '@shared/contract/channel-names'
import { arrivalMark, EVENT_SEQ_HEADER } from '@shared/contract/web-protocol'
import { fail } from '@shared/result'
import { createCatchUp, type CatchUp } from './event-catch-up'
import { createSseParser } from './sse-parser'
import type { ErrorCode, Result } from '@shared/result'

// `window.tokenDesk` for the browser host (`npm run web`): the same grouped api as the preload, carried
// over HTTP. Calls are `POST /api/call/<channel>`; events arrive as server-sent events read with a
// streaming fetch, because EventSource cannot send the Authorization header. The per-launch secret comes
// in the URL fragment once, is moved to sessionStorage (reloads keep working, other tabs and sites never
// see it) and is wiped from the address bar. Like the IPC bridge this never throws: failures are Results,
// and like IPC an answer never arrives before the events its call caused (see web-protocol.ts).

const SECRET_KEY = 'tokenDesk.webSecret'
const RETRY_MIN_MS = 500
const RETRY_MAX_MS = 30_000

/** Takes `#secret=…` from the address bar (then removes it), falling back to this tab's stored secret. */
function takeSecret(): string | null {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('secret')
  if (fromHash) {
    try {
      sessionStorage.setItem(SECRET_KEY, fromHash)
    } catch {
      // Storage disabled: the secret still works until the next reload.
    }
    history.replaceState(history.state, '', location.pathname + location.search)
    return fromHash
  }
  try {
    return sessionStorage.getItem(SECRET_KEY)
  } catch {
    return null
  }
}

const marked = new Set<string>()
/** See arrivalMark: once per channel or event, so the marks stay few however long the app runs. */
function markFirst(name: string): void {
  if (marked.has(name)) return
  marked.add(name)
  performance.mark(name)
}

function codeForStatus(status: number): ErrorCode {
  if (status === 401 || status === 403 || status === 421) return 'forbidden'
  if (status === 404) return 'not-found'
  if (status === 429) return 'rate-limited'
  if (status >= 400 && status < 500) return 'validation'
  return 'internal'
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false
  const candidate = value as { ok?: unknown; error?: { code?: unknown } }
  return candidate.ok === true || (candidate.ok === false && typeof candidate.error?.code === 'string')
}

async function call(
  secret: string | null,
  channel: ChannelName,
  input: unknown,
  catchUp: (seq: number) => Promise<void>,
): Promise<Result<unknown>> {
  if (!secret) {
    return fail('forbidden', 'No web host secret: open the full address printed by `npm run web`')
  }
  let response: Response
  try {
    response = await fetch(`/api/call/${channel}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ input }),
      cache: 'no-store',
    })
  } catch {
    return fail('offline', 'The TokenDesk web host is not reachable')
  }
  let body: unknown
  try {
    body = await response.json()
  } catch {
    body = undefined
  }
  markFirst(arrivalMark('answer', channel))
  const seq = Number(response.headers.get(EVENT_SEQ_HEADER))
  if (Number.isSafeInteger(seq) && seq > 0) await catchUp(seq)
  if (isResult(body)) return body
  return fail(
    response.ok ? 'bad-response' : codeForStatus(response.status),
    `Web host answered ${response.status}`,
    {
      httpStatus: response.status,
    },
  )
}

type Listener = (payload: unknown) => void

/** Waits, or stops early on abort; the abort listener goes away with the wait (the signal is long-lived). */
const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer)
      resolve()
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })

/** One shared event stream while anyone listens; reconnects with capped, jittered backoff that resets. */
function createEventStream(
  secret: string | null,
  deliver: (event: string, payload: unknown) => void,
  position: CatchUp,
) {
  let controller: AbortController | null = null

  async function readOnce(signal: AbortSignal): Promise<'retry' | 'stop'> {
    const response = await fetch('/api/events', {
      headers: { Authorization: `Bearer ${secret}` },
      cache: 'no-store',
      signal,
    })
    // A refused secret will not get better by retrying.
    if (response.status === 401 || response.status === 403) return 'stop'
    if (!response.ok || !response.body) return 'retry'
    let first = true
    const parse = createSseParser(
      (event, data) => {
        try {
          const payload: unknown = JSON.parse(data)
          markFirst(arrivalMark('event', event))
          deliver(event, payload)
        } catch {
          // A malformed message is dropped; the stream itself stays up.
        }
      },
      (id) => {
        const seq = Number(id)
        if (!Number.isSafeInteger(seq)) return
        position.seen(seq, first)
        first = false
      },
    )
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) return 'retry'
        parse(value)
      }
    } finally {
      position.disconnected()
    }
  }

  async function run(signal: AbortSignal): Promise<void> {
    let failures = 0
    while (!signal.aborted) {
      const started = Date.now()
      const outcome = await readOnce(signal).catch(() => 'retry' as const)
      if (outcome === 'stop' || signal.aborted) return
      // A stream that stayed up a while counts as a success: the backoff starts over.
      failures = Date.now() - started > RETRY_MAX_MS ? 1 : failures + 1
      const delay = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** (failures - 1))
      await sleep(delay / 2 + Math.random() * (delay / 2), signal)
    }
  }

  return {
    start() {
      if (controller || !secret) return
      controller = new AbortController()
      void run(controller.signal)
    },
    stop() {
      controller?.abort()
      controller = null
    },
  }
}

export function createWebTransport(): TokenDeskApi {
  const secret = takeSecret()
  const listeners = new Map<string, Set<Listener>>()
  const knownEvents: ReadonlySet<string> = new Set<EventName>(EVENT_NAMES)
  const position = createCatchUp()
  const stream = createEventStream(
    secret,
    (event, payload) => {
      for (const listener of listeners.get(event) ?? []) {
        try {
          listener(payload)
        } catch (error) {
          console.error('TokenDesk: an event listener failed', error)
        }
      }
    },
    position,
  )

  const groups: Record<string, Record<string, (input?: unknown) => Promise<Result<unknown>>>> = {}
  for (const channel of CHANNEL_NAMES) {
    const [group, method] = splitChannelName(channel)
    ;(groups[group] ??= {})[method] = (input?: unknown) => call(secret, channel, input, position.until)
  }

  function on(event: string, listener: Listener): () => void {
    if (!knownEvents.has(event)) throw new TypeError(`Unknown TokenDesk event: ${String(event)}`)
    if (typeof listener !== 'function') throw new TypeError('TokenDesk event listener must be a function')
    let set = listeners.get(event)
    if (!set) listeners.set(event, (set = new Set()))
    // Each subscription is its own entry, so the same function subscribed twice unsubscribes independently.
    const entry: Listener = (payload) => listener(payload)
    set.add(entry)
    stream.start()
    return () => {
      set.delete(entry)
      if ([...listeners.values()].every((s) => s.size === 0)) stream.stop()
    }
  }

  return { ...groups, on } as unknown as TokenDeskApi
}
