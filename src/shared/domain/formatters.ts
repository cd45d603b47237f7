// Intl formatters are expensive to build (a table of 1000 rows built two per cell per render) and cheap
// to reuse: one per locale and set of options, kept for the life of the process.

const numberFormats = new Map<string, Intl.NumberFormat>()
const dateFormats = new Map<string, Intl.DateTimeFormat>()
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>()
const collators = new Map<string, Intl.Collator>()

export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`
  let format = numberFormats.get(key)
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)))
  return format
}

export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`
  let format = dateFormats.get(key)
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(locale, options)))
  return format
}

export function relativeTimeFormat(locale: string): Intl.RelativeTimeFormat {
  let format = relativeFormats.get(locale)
  if (!format)
    relativeFormats.set(locale, (format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })))
  return format
}

/** Text ordering as the user's language sorts it, with digits compared as numbers ("key 2" < "key 10"). */
export function collator(locale: string): Intl.Collator {
  let found = collators.get(locale)
  if (!found)
    collators.set(locale, (found = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' })))
  return found
}

const RELATIVE_STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
]

/** "in 3 days", "2 hours ago", "now": the largest unit that fits, rounded toward zero. */
export function formatRelative(targetSeconds: number, nowSeconds: number, locale: string): string {
  const delta = targetSeconds - nowSeconds
  const format = relativeTimeFormat(locale)
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(delta) >= size) return format.format(Math.trunc(delta / size), unit)
  }
  return format.format(0, 'second')
}
