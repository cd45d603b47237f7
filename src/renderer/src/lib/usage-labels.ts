import { dateFormat } from '@shared/domain/formatters'

// Labels for usage buckets (unix seconds): an hour as "14:00", a day as "Mar 5" — in the reader's
// locale and time zone, as the buckets were cut.

export function bucketLabel(start: number, unit: 'hour' | 'day', locale: string): string {
  const options: Intl.DateTimeFormatOptions =
    unit === 'hour' ? { hour: '2-digit', minute: '2-digit' } : { month: 'short', day: 'numeric' }
  return dateFormat(locale, options).format(start * 1000)
}

/** A call's time: the time of day, with the date when it was not today. */
export function callTime(at: number, locale: string, now = Date.now()): string {
  const sameDay = new Date(at * 1000).toDateString() === new Date(now).toDateString()
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { timeStyle: 'medium' }
    : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }
  return dateFormat(locale, options).format(at * 1000)
}
