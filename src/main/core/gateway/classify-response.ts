import { AppError } from '@shared/result'
import { currentAuthFailure } from './auth-messages'

// Turns an HTTP answer that is not a usable JSON envelope into a classified error.

export function retryAfterSeconds(header: string | null, nowMs: number): number | undefined {
  if (!header) return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds
  const date = Date.parse(header)
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - nowMs) / 1000))
}

function serverMessage(body: unknown): string | undefined {
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>
    if (typeof record.message === 'string' && record.message) return record.message
    const nested = record.error as Record<string, unknown> | undefined
    if (nested && typeof nested.message === 'string') return nested.message
  }
  return undefined
}

/** Returns an error for a failed HTTP status, or null when the body should be read as an envelope. */
export function classifyHttpStatus(
  status: number,
  body: unknown,
  retryAfter: string | null,
  nowMs: number,
): AppError | null {
  const message = serverMessage(body)
  const httpStatus = status
  if (status === 401 || status === 403) {
    const kind =
      currentAuthFailure((body as Record<string, unknown> | null)?.code) ??
      (status === 403 ? 'forbidden' : 'auth')
    return new AppError(kind, message ?? `The server refused the access token (HTTP ${status}).`, {
      httpStatus,
    })
  }
  if (status === 429) {
    const seconds = retryAfterSeconds(retryAfter, nowMs)
    return new AppError('rate-limited', 'The server is rate limiting requests.', {
      httpStatus,
      ...(seconds !== undefined ? { retryAfterSeconds: seconds } : {}),
    })
  }
  if (status === 404)
    return new AppError('not-found', message ?? 'The server does not know this address.', { httpStatus })
  if (status >= 500)
    return new AppError('server', message ?? `The server failed (HTTP ${status}).`, { httpStatus })
  if (status >= 400)
    return new AppError('validation', message ?? `The server rejected the request (HTTP ${status}).`, {
      httpStatus,
    })
  return null
}

/** Network-level failures from fetch: offline, timeout, TLS. */
export function classifyFetchFailure(error: unknown): AppError {
  if (error instanceof AppError) return error
  const name = (error as { name?: string } | null)?.name
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new AppError('timeout', 'The server did not answer in time.')
  }
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause
  const code = cause?.code ?? ''
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code)) {
    return new AppError('offline', `The server's TLS certificate was not accepted (${code}).`)
  }
  return new AppError(
    'offline',
    code ? `The server could not be reached (${code}).` : 'The server could not be reached.',
  )
}
