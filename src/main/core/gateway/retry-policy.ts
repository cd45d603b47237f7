import { AppError, type ErrorCode } from '@shared/result'
import type { RequestOptions } from './http-client'
import { TransportError } from './transport-error'

// Which failed attempts the pacer repeats by itself. Two questions: could repeating help (a passing
// condition: rate limit, overload, a broken connection — not a refusal of the input or credentials),
// and is repeating safe (the server may already have carried the request out, and the body may have
// grown stale while waiting)?
//
// Safe to repeat, by request:
// - GET reads.
// - PUT /api/token/?status_only=…: the server stores only `status`, an absolute value the user chose.
// - A full-replace PUT (`PUT /api/token/` without status_only) is NEVER repeated here, whatever the
//   failure, 429 included: its body carries `remain_quota` as read before the first send, and the server
//   writes it as an absolute value (docs/newapi-behaviour.md §6). Re-sending it after a wait refunds every
//   unit used since — after the first attempt was applied, or during a 429 pause. Its caller
//   (TokenService.update) repeats the whole read → build → PUT cycle instead, with a fresh read.
// - POST creates (a second token), reveals (spends the scarce critical budget again) and batch-deletes;
//   DELETE of a deleted token answers `record not found`, turning a success into a failure. None of
//   them is repeated once it may have reached the server.
//
// Failures and what they allow:
// - 429: new-api's limiters run before the handler, so nothing was done: any request but a full-replace
//   PUT, after waiting (Retry-After, else backoff) — unless the wait is longer than the user should sit
//   through.
// - the request never left (DNS, refused connection): any request but a full-replace PUT.
// - 5xx, a reset or timeout after sending, an answer cut off midway: repeatable requests only.
// How often: a failure that costs the user a long wait (a timeout) or that rarely passes within seconds
// (a refused connection, an unknown host name) is repeated once; the rest up to the pacer's limit.
// - TLS, auth, forbidden, not-found, validation, bad-response, too-large: never — the same request
//   would meet the same answer.

/** What the policy looks at: the method, and for a PUT whether it is a status-only one. */
export type RetryRequest = Pick<RequestOptions, 'method' | 'query'>

/**
 * A PUT that replaces a whole row: its body carries values read earlier (remain_quota) that the server
 * writes as absolute values. Any PUT but the status-only one counts, so a new kind of PUT is safe by
 * default.
 */
export function carriesReadValues(request: RetryRequest): boolean {
  if (request.method !== 'PUT') return false
  const statusOnly = request.query?.status_only
  return statusOnly === undefined || statusOnly === '' || statusOnly === false
}

/** Sending it twice leaves the server as sending it once, and its body cannot go stale. */
export function isRepeatable(request: RetryRequest): boolean {
  return request.method === 'GET' || (request.method === 'PUT' && !carriesReadValues(request))
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
  if (!(error instanceof AppError)) return false
  if (carriesReadValues(request)) return false
  const repeatable = isRepeatable(request)
  if (error.code === 'rate-limited') {
    const seconds = error.details?.retryAfterSeconds
    return maxWaitMs > 0 && (seconds === undefined || seconds * 1000 <= maxWaitMs)
  }
  if (error instanceof TransportError && TRANSIENT_TRANSPORT_CODES.has(error.code)) {
    const slowToPass = error.code === 'timeout' || (error.code === 'offline' && error.reach === 'not-sent')
    if (slowToPass && retriesConsumed >= 1) return false
    return error.reach === 'not-sent' || repeatable
  }
  return error.code === 'server' && repeatable
}
