import type { z } from 'zod'
import { fieldIssuesOf } from '@shared/domain/field-issues'
import { AppError } from '@shared/result'

// A refused input as the bridge's validation error, one field issue per zod issue.

export function validationError(error: z.ZodError, summary = 'Some fields are not valid.'): AppError {
  return new AppError('validation', summary, { fields: fieldIssuesOf(error) })
}

/**
 * A refused input the schema could not even inspect (it threw instead of reporting issues), as the same
 * kind of validation error, with one issue on the whole input.
 */
export function unreadableInputError(): AppError {
  return new AppError('validation', 'The input could not be read.', {
    fields: [{ path: '', key: 'invalid' }],
  })
}
