import type { z } from 'zod'
import { AppError, type FieldIssue } from '@shared/result'

// Zod issues → the bridge's field issues. Our schemas use i18n keys as messages; anything else (a type
// mismatch from a hostile or buggy caller) is reported with the generic key.

const isI18nKey = (message: string): boolean => /^[a-zA-Z]+\.[a-zA-Z]+$/.test(message)

export function fieldIssuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const params = (issue as { params?: Record<string, string | number> }).params
    return {
      path: issue.path.join('.'),
      key: isI18nKey(issue.message) ? issue.message : 'invalid',
      ...(params ? { params } : {}),
    }
  })
}

export function validationError(error: z.ZodError, summary = 'Some fields are not valid.'): AppError {
  return new AppError('validation', summary, { fields: fieldIssuesOf(error) })
}
