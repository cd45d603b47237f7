import { useI18n } from 'vue-i18n'
import { formatList } from '@shared/domain/formatters'
import type { AppErrorData, FieldIssue } from '@shared/result'

// Turns an error that crossed the bridge into words: the translated code first, then whatever the server
// said when it adds something (its own words are kept verbatim), then a retry hint. Only words main marked
// as the server's are shown as such: main's own messages are English summaries for developers (a network
// failure's, a 429's, a 404 without a body's), and in a Chinese window they read as the server's.

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

  /** The server's own words, when it said something the summary does not. */
  function serverWords(error: AppErrorData): string | null {
    const message = error.message.trim()
    if (!error.details?.serverWords || !message || message === t(`errors.${error.code}`)) return null
    return message
  }

  /** "Server said: …", or null. */
  function serverSaid(error: AppErrorData): string | null {
    const message = serverWords(error)
    return message === null ? null : t('errorExtra.serverSaid', { message })
  }

  function describe(error: AppErrorData): ErrorText {
    const summary = t(`errors.${error.code}`)
    const fieldIssues = error.details?.fields ?? []
    const details: string[] = []
    const said = serverSaid(error)
    // With field issues the per-field texts say more than the server's summary line.
    if (said !== null && fieldIssues.length === 0) details.push(said)
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

  return { describe, message, fieldMessage, serverWords, serverSaid }
}
