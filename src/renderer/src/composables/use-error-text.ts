import { useI18n } from 'vue-i18n'
import { formatList } from '@shared/domain/formatters'
import type { AppErrorData, ErrorCode, FieldIssue } from '@shared/result'

// Turns an error that crossed the bridge into words: the translated code first, then whatever the server
// said when it adds something (its own words are kept verbatim), then a retry hint.

/**
 * Failures whose message is TokenDesk's own English, never the server's words: network failures (Node's
 * ECONNREFUSED …) and a rate limit (new-api answers 429 with no message). The summary says it all.
 */
const OWN_WORDS_CODES: ReadonlySet<ErrorCode> = new Set(['offline', 'timeout', 'tls', 'rate-limited'])

export interface ErrorText {
  summary: string
  details: string[]
  fieldIssues: FieldIssue[]
}

export function useErrorText() {
  const { t, te, locale } = useI18n()

  function fieldMessage(issue: Pick<FieldIssue, 'key' | 'params'>): string {
    const key = `fields.${issue.key}`
    if (!te(key)) return t('fields.invalid')
    const params = Object.entries(issue.params ?? {}).map(([name, value]) => [
      name,
      Array.isArray(value) ? formatList(value, locale.value) : value,
    ])
    const named = Object.fromEntries(params) as Record<string, string | number>
    // A count picks the text's plural form ("1 unsynced change waits" / "3 unsynced changes wait").
    return typeof named['count'] === 'number' ? t(key, named, named['count']) : t(key, named)
  }

  function describe(error: AppErrorData): ErrorText {
    const summary = t(`errors.${error.code}`)
    const fieldIssues = error.details?.fields ?? []
    const details: string[] = []
    const message = error.message.trim()
    // With field issues the per-field texts say more than the server's summary line.
    if (message && fieldIssues.length === 0 && message !== summary && !OWN_WORDS_CODES.has(error.code)) {
      details.push(t('errorExtra.serverSaid', { message }))
    }
    const retry = error.details?.retryAfterSeconds
    if (retry !== undefined && retry > 0)
      details.push(t('errorExtra.retryAfter', { seconds: Math.ceil(retry) }))
    return { summary, details, fieldIssues }
  }

  /** One line for a toast: summary, details and any field issues not shown elsewhere. */
  function message(error: AppErrorData): string {
    const text = describe(error)
    return [text.summary, ...text.details, ...text.fieldIssues.map(fieldMessage)].join(' ')
  }

  return { describe, message, fieldMessage }
}
