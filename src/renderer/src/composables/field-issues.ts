import type { z } from 'zod'
import type { FieldIssue } from '@shared/result'

// Zod issues and main's field issues share one shape (`FieldIssue`): the shared schemas put an i18n key
// (under `fields.`) in `message` and placeholders in `params`.

export function issuesFromZod(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const params: Record<string, string | number> = {}
    if ('params' in issue && issue.params) Object.assign(params, issue.params)
    // Length/size limits carry their bound as `maximum` rather than in params.
    if ('maximum' in issue && typeof issue.maximum === 'number' && params.max === undefined) {
      params.max = issue.maximum
    }
    return { path: issue.path.map(String).join('.'), key: issue.message, params }
  })
}

/**
 * Sorts issues onto the form fields they belong to. A path such as `changes.name` or `quota.value`
 * matches the first segment that names a known field (or an alias of one); the rest stay general.
 */
export function issuesByField<F extends string>(
  issues: readonly FieldIssue[],
  fields: readonly F[],
  aliases: Partial<Record<string, F>> = {},
): { byField: Partial<Record<F, FieldIssue>>; general: FieldIssue[] } {
  const byField: Partial<Record<F, FieldIssue>> = {}
  const general: FieldIssue[] = []
  for (const issue of issues) {
    const segments = issue.path.split('.')
    const field = segments
      .map((segment) => ((fields as readonly string[]).includes(segment) ? (segment as F) : aliases[segment]))
      .find((match): match is F => match !== undefined)
    if (field === undefined) general.push(issue)
    else byField[field] ??= issue // the first issue per field is the one worth reading
  }
  return { byField, general }
}
