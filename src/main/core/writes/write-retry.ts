import { setTimeout as sleep } from 'node:timers/promises'
import { EDITABLE_FIELDS } from '@shared/domain/token'
import { AppError, type ErrorCode } from '@shared/result'
import { TransportError } from '../gateway/transport-error'
import { asAppError, WriteFailure, type EarlierRead } from './write-failure'

// The one place that decides whether a failed write goes out again (the transport repeats reads only,
// gateway/retry-policy.ts). Used by every write the app makes — the update cycle, status changes,
// creates and deletes (write-cycle.ts, status-write.ts, create-write.ts, delete-write.ts):
// - which failures pass with a short wait (nextAttemptDelay), and how many attempts a write gets;
// - whether a failed attempt may have been carried out anyway (mayHaveBeenApplied) — then what happens
//   next depends on the write: a full update is never re-sent with its old body (it carries a quota read
//   before the failure, docs/newapi-behaviour.md §6) but runs its whole read → build → PUT cycle again, and
//   the fresh read tells whether the earlier attempt landed (judgeEarlierWrite), so an "add Y" quota
//   intent is never applied twice; a create looks for its token before sending again; a delete that
//   then finds the token gone is done; a status change is simply sent again (it is absolute).

/** Attempts a write gets at most, the first included (a cycle counts as one). */
export const WRITE_ATTEMPTS = 3
/** First pause between cycles; doubles with each, times a random 1–2. */
const BACKOFF_BASE_MS = 250
/** The longest Retry-After a write waits out; a longer one ends it with the `rate-limited` error. */
export const MAX_RATE_LIMIT_WAIT_MS = 10_000

const PASSING_CODES: ReadonlySet<ErrorCode> = new Set(['server', 'timeout', 'offline'])

/**
 * Milliseconds to wait before the next attempt, or null when the failure stands: a refusal that the same
 * request would meet again, a Retry-After too long to sit through, or the last attempt spent.
 */
export function nextAttemptDelay(error: unknown, attemptsMade: number, random = Math.random): number | null {
  if (!(error instanceof AppError) || attemptsMade >= WRITE_ATTEMPTS) return null
  const backoff = Math.round(BACKOFF_BASE_MS * 2 ** (attemptsMade - 1) * (1 + random()))
  if (error.code === 'rate-limited') {
    const seconds = error.details?.retryAfterSeconds
    if (seconds === undefined) return backoff
    return seconds * 1000 <= MAX_RATE_LIMIT_WAIT_MS ? seconds * 1000 : null
  }
  // An answer cut off midway is a connection failure too; a whole answer the client cannot read is not.
  const cutOff = error instanceof TransportError && error.code === 'bad-response'
  return PASSING_CODES.has(error.code) || cutOff ? backoff : null
}

/**
 * Whether a failed write may have been carried out. A 429 comes from limiters that run before the
 * handler; a connection failure says how far it got (transport-error.ts); a 5xx may come from a proxy
 * after the server behind it wrote the row; an answer that could not be read (an HTML page, a body cut
 * short or too large) arrived after the server did whatever it did.
 */
export function mayHaveBeenApplied(error: unknown): boolean {
  if (error instanceof TransportError) return error.reach === 'maybe-processed'
  return error instanceof AppError && ['server', 'bad-response', 'too-large'].includes(error.code)
}

/**
 * Runs a write up to WRITE_ATTEMPTS times, waiting between attempts as nextAttemptDelay says; `attempt`
 * gets its number and decides itself what an earlier attempt means. A failure that stands ends as a
 * WriteFailure counting the requests sent.
 */
export async function withWriteAttempts<T>(
  attempt: (number: number, sent: { requests: number }) => Promise<T>,
  random: () => number = Math.random,
): Promise<T> {
  const sent = { requests: 0 }
  for (let number = 1; ; number += 1) {
    try {
      return await attempt(number, sent)
    } catch (error) {
      const delay = nextAttemptDelay(error, number, random)
      if (delay === null) throw new WriteFailure(asAppError(error), null, sent.requests)
      await sleep(delay)
    }
  }
}

export type EarlierWrite = 'applied' | 'not-applied' | 'unknown'

/** Two stored values as the server means them (null is the empty string). */
export const sameStored = (a: unknown, b: unknown): boolean => storedText(a) === storedText(b)

/** A list (the Auto order) compares as the comma-joined text TokenDesk keeps it as; null as ''. */
const storedText = (value: unknown): unknown => (Array.isArray(value) ? value.join(',') : (value ?? ''))

/**
 * Did the PUT of `sent` (built from the read `before`) reach the row that reads `now`? The full replace
 * writes every editable field at once, so any field the edit changes answers it. Without one, only the
 * quota can: usage moves `remain_quota` and `used_quota` together, so with `used` spent since `before`,
 * the row holds exactly `before − used` if the write never happened, and between `sent − used` and
 * `sent` if it did (usage before the write was overwritten by it). Anything else — or both at once —
 * cannot be told apart: someone else edited the token, or the numbers coincide.
 */
export function judgeEarlierWrite(
  before: EarlierRead,
  sent: Record<string, unknown>,
  now: EarlierRead,
): EarlierWrite {
  // A field the body left out (the Auto order, cross-group retry on an older server) was not written.
  const fields = EDITABLE_FIELDS.filter(
    (field) => field !== 'remain_quota' && field in sent && !sameStored(sent[field], before[field]),
  )
  if (fields.length > 0) {
    if (fields.every((field) => sameStored(now[field], sent[field]))) return 'applied'
    if (fields.every((field) => sameStored(now[field], before[field]))) return 'not-applied'
    return 'unknown'
  }
  const sentQuota = sent.remain_quota
  if (typeof sentQuota !== 'number') return 'unknown'
  if (sentQuota === before.remain_quota) return 'applied' // the write changed nothing: nothing is missing
  const used = now.used_quota - before.used_quota
  if (used < 0) return 'unknown'
  const untouched = now.remain_quota === before.remain_quota - used
  const written = now.remain_quota <= sentQuota && now.remain_quota >= sentQuota - used
  if (untouched === written) return 'unknown'
  return written ? 'applied' : 'not-applied'
}
