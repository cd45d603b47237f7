import type { TokenEditable, Token } from '@shared/domain/token'
import { AppError } from '@shared/result'

// How a write that did not go through reports itself to whoever decides next (the sync engine): the
// failure, the attempt that may have landed anyway, and the requests it cost.

/** What judging an earlier attempt needs of a read: the editable fields and the usage counter. */
export type EarlierRead = TokenEditable & Pick<Token, 'used_quota'>

/** A read and the body of an update attempt whose PUT may have landed (kept across a crash). */
export interface EarlierAttempt {
  before: EarlierRead
  sent: Record<string, unknown>
}

/**
 * A write failed. `earlier` is set when the failed PUT may have landed: whoever tries again must judge it
 * on the next fresh read. `requests` counts what was sent.
 */
export class WriteFailure extends AppError {
  constructor(
    readonly failure: AppError,
    readonly earlier: EarlierAttempt | null,
    readonly requests: number,
  ) {
    super(failure.code, failure.message, failure.details)
    this.name = 'WriteFailure'
  }
}

export const asAppError = (error: unknown): AppError =>
  error instanceof AppError
    ? error
    : new AppError('internal', error instanceof Error ? error.message : String(error))
