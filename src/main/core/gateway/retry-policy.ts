import { AppError, type ErrorCode } from '@shared/result'
import type { RequestOptions } from './http-client'
import { TransportError } from './transport-error'

// Which failed attempts the pacer repeats by itself. Two questions: could repeating help (a passing
// condition: rate limit, overload, a broken connection — not a refusal of the input or credentials),
// and is repeating safe (the server may already have carried the request out)?
//
// Safe to repeat, by method:
// - GET reads.
// - PUT /api/token/ is a full replace carrying absolute values (status_only too): sending it twice
//   leaves the row as sending it once. (The quota used between the two sends is refunded, as between
//   the read and the first send; the backoff keeps that window to seconds.)
// - POST creates (a second token), reveals (spends the scarce critical budget again) and batch-deletes;
//   DELETE of a deleted token answers `record not found`, turning a success into a failure. None of
//   them is repeated once it may have reached the server.
//
// Failures and what they allow:
// - 429: new-api's limiters run before the handler, so nothing was done: any method, after waiting
//   (Retry-After, else backoff) — unless the wait is longer than the user should sit through.
// - the request never left (DNS, refused connection): any method.
// - 5xx, a reset or timeout after sending, an answer cut off midway: idempotent methods only.
// How often: a failure that costs the user a long wait (a timeout) or that rarely passes within seconds
// (a refused connection, an unknown host name) is repeated once; the rest up to the pacer's limit.
// - TLS, auth, forbidden, not-found, validation, bad-response, too-large: never — the same request
//   would meet the same answer.

export const IDEMPOTENT_METHODS: ReadonlySet<RequestOptions['method']> = new Set(['GET', 'PUT'])

/** Connection failures that may pass; a TLS or credential problem found on the way does not. */
const TRANSIENT_TRANSPORT_CODES: ReadonlySet<ErrorCode> = new Set(['offline', 'timeout', 'bad-response'])

export function shouldRetry(
  error: unknown,
  method: RequestOptions['method'],
  /** Repeats already made for this request. */
  retriesConsumed: number,
  /** The longest pause the caller's lane waits out (pacer.ts); 0 = a 429 is never waited out. */
  maxWaitMs: number,
): boolean {
  if (!(error instanceof AppError)) return false
  const idempotent = IDEMPOTENT_METHODS.has(method)
  if (error.code === 'rate-limited') {
    const seconds = error.details?.retryAfterSeconds
    return maxWaitMs > 0 && (seconds === undefined || seconds * 1000 <= maxWaitMs)
  }
  if (error instanceof TransportError && TRANSIENT_TRANSPORT_CODES.has(error.code)) {
    const slowToPass = error.code === 'timeout' || (error.code === 'offline' && error.reach === 'not-sent')
    if (slowToPass && retriesConsumed >= 1) return false
    return error.reach === 'not-sent' || idempotent
  }
  return error.code === 'server' && idempotent
}
