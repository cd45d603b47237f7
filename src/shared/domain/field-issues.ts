import type { z } from 'zod'
import type { FieldIssue } from '../result'

// Zod issues → the field issues that travel to the UI. The shared schemas put an i18n key (under
// `fields.`) in `message` and placeholders in `params`; anything else (a type mismatch from a hostile or
// buggy caller) is reported with the generic key. Used by the renderer (instant feedback) and main.

const isI18nKey = (message: string): boolean => /^[a-zA-Z]+\.[a-zA-Z]+$/.test(message)

export function fieldIssuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const params: Record<string, string | number> = {}
    if ('params' in issue && issue.params) Object.assign(params, issue.params)
    // Length/size limits carry their bound as `maximum` rather than in params.
    if ('maximum' in issue && typeof issue.maximum === 'number' && params.max === undefined) {
      params.max = issue.maximum
    }
    return {
      path: issue.path.map(String).join('.'),
      key: isI18nKey(issue.message) ? issue.message : 'invalid',
      ...(Object.keys(params).length > 0 ? { params } : {}),
    }
  })
}
