import { dateFormat } from '@shared/domain/formatters'

// Locale-aware display helpers for the tables. Dates come from the server as Unix seconds.

export function formatDateTime(ms: number, locale: string): string {
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms)
}

/** For "fetched at": seconds matter when the user just pressed refresh. */
export function formatTime(ms: number, locale: string): string {
  const sameDay = new Date(ms).toDateString() === new Date().toDateString()
  return dateFormat(
    locale,
    sameDay ? { timeStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'medium' },
  ).format(ms)
}
