// Errors cross every boundary (core → host → bridge → UI) as data, never as thrown exceptions.
// The set of codes is closed: the UI switches on `code` and translates it; `message` carries the
// server's own words (kept verbatim, and marked so) or a developer-facing summary, never a secret.

export const ERROR_CODES = [
  'validation',
  'auth',
  'forbidden',
  'not-found',
  'rate-limited',
  'offline',
  'timeout',
  /** The TLS handshake failed: an untrusted or expired certificate, or https to a plain-http port. */
  'tls',
  'server',
  'bad-response',
  /** The answer exceeded the size TokenDesk reads (cut off while streaming, never read whole). */
  'too-large',
  'conflict',
  'keychain-unavailable',
  /** No access token is stored for the server (keychain reset, another machine, an import). */
  'access-token-missing',
  'internal',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/**
 * One invalid field: `key` is an i18n key under `fields.`, `params` fill its placeholders. A list
 * (line numbers, model names) is left as a list: the UI writes it as its language writes lists.
 */
export interface FieldIssue {
  path: string
  key: string
  params?: Record<string, string | number | string[]>
}

export interface AppErrorData {
  code: ErrorCode
  message: string
  details?: {
    fields?: FieldIssue[]
    /** Seconds until a rate-limited call may be retried, when the server said so. */
    retryAfterSeconds?: number
    httpStatus?: number
    /** A 404 for the address itself (an older server without the route), not a missing record. */
    routeMissing?: boolean
    /** The server's machine-readable failure code (current new-api: `AUTH_*`). */
    serverCode?: string
    /**
     * `message` is the server's own words, verbatim, which the UI shows beside its translated summary.
     * Without it `message` is TokenDesk's English summary for developers and logs, never shown as such.
     */
    serverWords?: boolean
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = (
  code: ErrorCode,
  message: string,
  details?: AppErrorData['details'],
): { ok: false; error: AppErrorData } => ({
  ok: false,
  error: { code, message, ...(details ? { details } : {}) },
})

/** A throwable carrier for AppErrorData inside main; converted back to a Result at the dispatcher. */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly details?: AppErrorData['details']

  constructor(code: ErrorCode, message: string, details?: AppErrorData['details']) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.details = details
  }

  toData(): AppErrorData {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) }
  }
}

export const isAppError = (value: unknown): value is AppError => value instanceof AppError
