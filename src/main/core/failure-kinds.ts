import type { AppErrorData, ErrorCode } from '@shared/result'

// What a failure means for what happens next, decided from its code in one place: whether the server can
// be reached at all (connectivity), whether it refused the credentials, and whether trying again later
// may succeed (the sync of a draft) or only the user can mend it.

/** The server could not be reached: wait for it (connectivity probes it). */
export const UNREACHABLE: ReadonlySet<ErrorCode> = new Set(['offline', 'timeout', 'tls'])

/** The server refused the access token or the account: only the user can mend it. */
export const CREDENTIALS_REFUSED: ReadonlySet<ErrorCode> = new Set(['auth', 'forbidden'])

/** Nothing was sent: TokenDesk has no access token for the server (or the keychain cannot say). */
export const CREDENTIALS_MISSING: ReadonlySet<ErrorCode> = new Set([
  'access-token-missing',
  'keychain-unavailable',
])

/** Only the user can mend it: the server refused the credentials, or there are none to send. */
const USER_MUST_ACT = new Set([...CREDENTIALS_REFUSED, ...CREDENTIALS_MISSING])

/** The server answered, but not usefully for now (rate limit, its own failure, an unreadable page). */
const TRANSIENT: ReadonlySet<ErrorCode> = new Set(['rate-limited', 'server', 'bad-response', 'too-large'])

/** A redirect: the server address is wrong (or not a new-api server). Trying again changes nothing. */
export const isRedirect = (error: AppErrorData): boolean => {
  const status = error.details?.httpStatus
  return error.code === 'bad-response' && status !== undefined && status >= 300 && status < 400
}

/** Whether a draft that met this failure should be tried again later rather than stopped for the user. */
export function passesWithTime(error: AppErrorData): boolean {
  if (isRedirect(error)) return false
  return UNREACHABLE.has(error.code) || USER_MUST_ACT.has(error.code) || TRANSIENT.has(error.code)
}

/** Whether trying again should wait for the server to be back rather than for a clock. */
export const waitsForServer = (error: AppErrorData): boolean =>
  UNREACHABLE.has(error.code) || USER_MUST_ACT.has(error.code)
