// Locale-aware display helpers for the tables. Dates come from the server as Unix seconds.

export function formatDateTime(ms: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms)
}

/** For "fetched at": seconds matter when the user just pressed refresh. */
export function formatTime(ms: number, locale: string): string {
  const sameDay = new Date(ms).toDateString() === new Date().toDateString()
  return new Intl.DateTimeFormat(
    locale,
    sameDay ? { timeStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'medium' },
  ).format(ms)
}
