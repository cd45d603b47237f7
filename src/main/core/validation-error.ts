import type { z } from 'zod'
import { fieldIssuesOf } from '@shared/domain/field-issues'
import { AppError } from '@shared/result'

// A refused input as the bridge's validation error, one field issue per zod issue.

export function validationError(error: z.ZodError, summary = 'Some fields are not valid.'): AppError {
  return new AppError('validation', summary, { fields: fieldIssuesOf(error) })
}
