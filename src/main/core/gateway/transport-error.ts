import type { NetworkFailure } from '@shared/domain/network-failure'
import { AppError, type AppErrorData, type ErrorCode } from '@shared/result'

// A failure of the connection itself (no usable HTTP answer), remembering how far the request got.
// That decides whether repeating it is safe (retry-policy.ts): a request that never left cannot have
// changed anything, one that died after sending may have been carried out already. The extra field
// stays in main: `toData()` sends only code, message and details across the bridge.

export type Reach =
  /** No byte reached the server (DNS, refused connection, TLS handshake): safe to repeat any call. */
  | 'not-sent'
  /** Sent, then the connection broke or the answer timed out or was cut off: it may have been done. */
  | 'maybe-processed'

export class TransportError extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly reach: Reach,
    readonly failure: NetworkFailure = 'unreachable',
    details?: AppErrorData['details'],
  ) {
    super(code, message, details)
    this.name = 'TransportError'
  }
}
