import { AppError } from '@shared/result'
import { classicAuthFailure, currentAuthFailure } from './auth-messages'
import { parseExactJson } from './exact-json'
import { TransportError } from './transport-error'

// Every way an answer can fail, turned into one classified error (the closed codes of shared/result.ts).
// Three stages, in the order a request meets them:
//   1. fetch itself fails (classifyFetchFailure): offline, timeout, TLS;
//   2. the body cannot be read to its end (classifyBodyFailure): timeout, cut off;
//   3. an HTTP answer arrived (classifyHttpStatus, then envelope.ts for HTTP 200).
// Messages are developer-facing summaries or the server's own words; the UI translates the code.

export function retryAfterSeconds(header: string | null, nowMs: number): number | undefined {
  if (!header) return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds)
  const date = Date.parse(header)
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - nowMs) / 1000))
}

/** A body as far as classification cares: JSON, an HTML page (proxies, CDNs, the web UI), or junk. */
export type ParsedBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'empty' }
  | { kind: 'html'; title: string | null }
  | { kind: 'invalid' }

export function parseBody(text: string): ParsedBody {
  const trimmed = text.trim()
  if (trimmed === '') return { kind: 'empty' }
  if (trimmed.startsWith('<')) {
    const title = /<title[^>]*>([^<]{1,200})<\/title>/i.exec(trimmed)?.[1]?.trim()
    return { kind: 'html', title: title || null }
  }
  try {
    return { kind: 'json', value: parseExactJson(trimmed) }
  } catch {
    return { kind: 'invalid' }
  }
}

function fieldOf(body: ParsedBody, name: string): unknown {
  if (body.kind !== 'json' || !body.value || typeof body.value !== 'object') return undefined
  return (body.value as Record<string, unknown>)[name]
}

/** new-api's `message`, or the OpenAI-style `error.message` of an unknown route. */
function serverMessage(body: ParsedBody): string | undefined {
  const message = fieldOf(body, 'message')
  if (typeof message === 'string' && message.trim()) return message
  const nested = fieldOf(body, 'error') as Record<string, unknown> | undefined
  if (nested && typeof nested === 'object' && typeof nested.message === 'string') return nested.message
  return undefined
}

function describe(status: number, body: ParsedBody): string {
  if (body.kind === 'html') return `HTTP ${status}, an HTML page${body.title ? ` "${body.title}"` : ''}`
  return `HTTP ${status}`
}

/** Only the path of a redirect target: its query may repeat what was searched for (a key). */
function redirectTarget(location: string | null): string {
  if (!location) return 'elsewhere'
  try {
    const url = new URL(location, 'http://relative.invalid')
    return url.hostname === 'relative.invalid' ? url.pathname : url.origin + url.pathname
  } catch {
    return 'elsewhere'
  }
}

export interface HttpAnswer {
  status: number
  body: ParsedBody
  retryAfter: string | null
  location: string | null
}

/** An error for a failed HTTP status, or null when a 2xx body should be read as the envelope. */
export function classifyHttpStatus(answer: HttpAnswer, nowMs: number): AppError | null {
  const { status, body } = answer
  const httpStatus = status
  const message = serverMessage(body)
  // Where the server said something, its words are the message (and marked so for the UI).
  const said = message ? { serverWords: true } : {}
  if (status >= 200 && status < 300) return null
  if (status >= 300 && status < 400) {
    // Redirects are never followed: the Authorization header must not travel to wherever they point,
    // and a 301/302 would turn a PUT into a GET. The client uses canonical paths, so a redirect means
    // the server address is wrong (http → https, a missing path prefix) or the server is not new-api.
    return new AppError(
      'bad-response',
      `The server redirected the request (HTTP ${status} to ${redirectTarget(answer.location)}); check the server address.`,
      { httpStatus },
    )
  }
  if (status === 401 || status === 403) {
    const kind =
      currentAuthFailure(fieldOf(body, 'code')) ??
      (message ? classicAuthFailure(message) : null) ??
      (status === 403 ? 'forbidden' : 'auth')
    const serverCode = fieldOf(body, 'code')
    return new AppError(kind, message ?? `The server refused the credentials (${describe(status, body)}).`, {
      httpStatus,
      ...said,
      ...(typeof serverCode === 'string' && serverCode ? { serverCode: serverCode.slice(0, 100) } : {}),
    })
  }
  if (status === 429) {
    const seconds = retryAfterSeconds(answer.retryAfter, nowMs)
    return new AppError('rate-limited', 'The server is rate limiting requests (HTTP 429).', {
      httpStatus,
      ...(seconds !== undefined ? { retryAfterSeconds: seconds } : {}),
    })
  }
  if (status === 404) {
    // new-api answers a missing *record* with HTTP 200 and `record not found` (envelope.ts); a 404 is
    // the address itself: an older server without the route, a wrong path prefix, or a proxy.
    return new AppError(
      'not-found',
      message ?? `The server has no such address (${describe(status, body)}).`,
      {
        httpStatus,
        routeMissing: true,
        ...said,
      },
    )
  }
  if (status >= 500) {
    return new AppError('server', message ?? `The server failed (${describe(status, body)}).`, {
      httpStatus,
      ...said,
    })
  }
  if (status === 408) {
    // A proxy gave up waiting for the request: nothing was processed, and trying again is fine.
    return new AppError(
      'timeout',
      message ?? `The request timed out on its way (${describe(status, body)}).`,
      {
        httpStatus,
        ...said,
      },
    )
  }
  return new AppError(
    'validation',
    message ?? `The server refused the request (${describe(status, body)}).`,
    {
      httpStatus,
      ...said,
    },
  )
}

/** A 2xx answer that is not JSON at all. */
export function classifyNonJson(status: number, body: Exclude<ParsedBody, { kind: 'json' }>): AppError {
  if (body.kind === 'html') {
    return new AppError(
      'bad-response',
      `The server sent a web page instead of JSON (${describe(status, body)}); is this the new-api server's address?`,
      { httpStatus: status },
    )
  }
  const what = body.kind === 'empty' ? 'an empty answer' : 'an answer that is not valid JSON'
  return new AppError('bad-response', `The server sent ${what} (HTTP ${status}).`, { httpStatus: status })
}

type ErrorCause = { code?: unknown; message?: unknown; cause?: ErrorCause } | undefined

/** The errno-style code of a fetch failure (undici puts it on `cause`, sometimes one level deeper). */
/**
 * The failure's machine code: Node's fetch (undici) puts it on `cause.code`; Electron's net.fetch has no
 * cause and says it in the message as Chromium's `net::ERR_…` name. Only the code is ever kept.
 */
function causeCode(error: unknown): string {
  let cause = (error as { cause?: ErrorCause } | null)?.cause
  for (let depth = 0; cause && depth < 3; depth += 1) {
    if (typeof cause.code === 'string') return cause.code
    cause = cause.cause
  }
  const message = (error as { message?: unknown } | null)?.message
  const chromium = typeof message === 'string' ? /\bnet::(ERR_[A-Z0-9_]+)\b/.exec(message) : null
  return chromium?.[1] ?? ''
}

const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|EPROTO/i
const DNS_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EAI_NONAME',
  'ERR_NAME_NOT_RESOLVED',
  'ERR_NAME_RESOLUTION_FAILED',
])
const UNREACHABLE_CODES = new Set([
  'ERR_CONNECTION_REFUSED',
  'ERR_ADDRESS_UNREACHABLE',
  'ERR_INTERNET_DISCONNECTED',
  'ERR_PROXY_CONNECTION_FAILED',
  'ERR_NETWORK_ACCESS_DENIED',
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
])
const BROKEN_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'ECONNABORTED',
  'ERR_CONNECTION_RESET',
  'ERR_CONNECTION_CLOSED',
  'ERR_CONNECTION_ABORTED',
  'ERR_EMPTY_RESPONSE',
])

const isTimeout = (error: unknown): boolean => {
  const name = (error as { name?: unknown } | null)?.name
  return name === 'TimeoutError' || name === 'AbortError'
}

/**
 * fetch rejected before any HTTP answer. Never copies the error's own message: undici puts header values
 * (the access token) into some of them.
 */
export function classifyFetchFailure(error: unknown): AppError {
  if (error instanceof AppError) return error
  if (isTimeout(error))
    return new TransportError('timeout', 'The server did not answer in time.', 'maybe-processed', 'timeout')
  const code = causeCode(error)
  if (code === 'ERR_TIMED_OUT') {
    return new TransportError('timeout', 'The server did not answer in time.', 'maybe-processed', 'timeout')
  }
  if (TLS_CODE.test(code)) {
    return new TransportError(
      'tls',
      `The server's secure connection was not accepted (${code}).`,
      'not-sent',
      'tls',
    )
  }
  if (DNS_CODES.has(code))
    return new TransportError('offline', `The server's name was not found (${code}).`, 'not-sent', 'dns')
  if (UNREACHABLE_CODES.has(code)) {
    const refused = code === 'ECONNREFUSED' || code === 'ERR_CONNECTION_REFUSED'
    return new TransportError(
      'offline',
      `The server could not be reached (${code}).`,
      'not-sent',
      refused ? 'refused' : 'unreachable',
    )
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ERR_CONNECTION_TIMED_OUT') {
    return new TransportError('timeout', 'Connecting to the server took too long.', 'not-sent', 'timeout')
  }
  if (BROKEN_CODES.has(code)) {
    return new TransportError(
      'offline',
      `The connection broke before the answer (${code}).`,
      'maybe-processed',
      'broken',
    )
  }
  const message = (error as { message?: unknown } | null)?.message
  if (error instanceof TypeError && !code && typeof message === 'string' && /header/i.test(message)) {
    // Headers.append refused a value: only the access token can carry a control character.
    return new TransportError(
      'auth',
      'The stored access token contains characters that cannot be sent.',
      'not-sent',
    )
  }
  return new TransportError(
    'offline',
    code ? `The request failed (${code}).` : 'The server could not be reached.',
    // Without a code nothing says the request never left: assume the worst.
    'maybe-processed',
  )
}

/** The headers arrived but the body did not, whole. */
export function classifyBodyFailure(error: unknown): AppError {
  if (error instanceof AppError) return error
  if (isTimeout(error)) {
    return new TransportError(
      'timeout',
      'The server stopped sending its answer midway.',
      'maybe-processed',
      'timeout',
    )
  }
  const code = causeCode(error)
  return new TransportError(
    'bad-response',
    `The server's answer was cut off before its end${code ? ` (${code})` : ''}.`,
    'maybe-processed',
    'broken',
  )
}
