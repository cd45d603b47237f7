import { AppError, type ErrorCode } from '@shared/result'
import type { RequestOptions } from './request-options'
import { TransportError } from './transport-error'

// Which failed *reads* the pacer repeats by itself. Writes — full and status-only updates, creates,
// deletes — are never repeated here: whether a failed write may go out again depends on what it meant
// (a quota read before the failure, a create that may have landed, a delete that turns into "not found"),
// and that is decided in one place, the write cycle (writes/write-retry.ts).
//
// Reads, and what allows repeating them:
// - GET: any passing failure — a 429 (new-api's limiters run before the handler), a connection that
//   never opened or broke, a timeout, an answer cut off, a 5xx.
// - Key reveal (a POST in the small critical bucket): it changes nothing, but each attempt that reaches
//   the server spends that scarce budget again, so only a 429 or a connection that never opened repeats.
// How often: a failure that costs the user a long wait (a timeout) or that rarely passes within seconds
// (a refused connection, an unknown host name) is repeated once; the rest up to the pacer's limit.
// Never: TLS, auth, forbidden, not-found, validation, bad-response, too-large — the same request would
// meet the same answer.

/** What the policy looks at. */
export type RetryRequest = Pick<RequestOptions, 'method' | 'bucket'>

/** Reads change nothing on the server; everything else is a write. */
export function isRead(request: RetryRequest): boolean {
  return request.method === 'GET' || request.bucket === 'critical'
}

/** Connection failures that may pass; a TLS or credential problem found on the way does not. */
const TRANSIENT_TRANSPORT_CODES: ReadonlySet<ErrorCode> = new Set(['offline', 'timeout', 'bad-response'])

export function shouldRetry(
  error: unknown,
  request: RetryRequest,
  /** Repeats already made for this request. */
  retriesConsumed: number,
  /** The longest pause the caller's lane waits out (pacer.ts); 0 = a 429 is never waited out. */
  maxWaitMs: number,
): boolean {
  if (!(error instanceof AppError) || !isRead(request)) return false
  const costsBudget = request.method !== 'GET'
  if (error.code === 'rate-limited') {
    const seconds = error.details?.retryAfterSeconds
    return maxWaitMs > 0 && (seconds === undefined || seconds * 1000 <= maxWaitMs)
  }
  if (error instanceof TransportError && TRANSIENT_TRANSPORT_CODES.has(error.code)) {
    const slowToPass = error.code === 'timeout' || (error.code === 'offline' && error.reach === 'not-sent')
    if (slowToPass && retriesConsumed >= 1) return false
    return error.reach === 'not-sent' || !costsBudget
  }
  return error.code === 'server' && !costsBudget
}
