import type { FieldIssue } from '@shared/result'

// Sorting field issues (from the shared schemas, shared/domain/field-issues.ts, or from main) onto the
// form fields they belong to.

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
