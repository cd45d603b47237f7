// Intl formatters are expensive to build (a table of 1000 rows built two per cell per render) and cheap
// to reuse: one per locale and set of options, kept for the life of the process.

const numberFormats = new Map<string, Intl.NumberFormat>()
const dateFormats = new Map<string, Intl.DateTimeFormat>()
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>()
const collators = new Map<string, Intl.Collator>()
const listFormats = new Map<string, Intl.ListFormat>()

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

/**
 * "in 2 days", "1 month ago": always in numbers. The calendar words ("yesterday", "last month", "next
 * month") name calendar days and months, while these spans are counted in 24-hour days and 30-day
 * months, so a time 36 hours back, two calendar days ago, read "yesterday".
 */
export function relativeTimeFormat(locale: string): Intl.RelativeTimeFormat {
  let format = relativeFormats.get(locale)
  if (!format)
    relativeFormats.set(locale, (format = new Intl.RelativeTimeFormat(locale, { numeric: 'always' })))
  return format
}

const nowWords = new Map<string, string>()
/** "now" / "现在": the one calendar word kept, for a moment less than a minute away. */
function nowWord(locale: string): string {
  let word = nowWords.get(locale)
  if (word === undefined)
    nowWords.set(
      locale,
      (word = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(0, 'second')),
    )
  return word
}

/**
 * A list as the user's language writes one: "name, expiry, quota" / "名称、过期时间、额度". Narrow: no
 * "and" before the last item, since these lists enumerate (fields, line numbers, models), not narrate.
 */
export function formatList(items: readonly string[], locale: string): string {
  let format = listFormats.get(locale)
  if (!format)
    listFormats.set(locale, (format = new Intl.ListFormat(locale, { type: 'conjunction', style: 'narrow' })))
  return format.format(items)
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

/**
 * "in 3 days", "2 hours ago", "now": the largest unit that fits, to the nearest whole one (an expiry set
 * "+30 days" a moment ago reads "in 30 days", not "in 29 days").
 */
export function formatRelative(targetSeconds: number, nowSeconds: number, locale: string): string {
  const delta = targetSeconds - nowSeconds
  const format = relativeTimeFormat(locale)
  for (const [unit, size] of RELATIVE_STEPS) {
    // Halves away from zero both ways (Math.round takes -1.5 to -1: 36 hours back read "1 day ago").
    if (Math.abs(delta) >= size)
      return format.format(Math.sign(delta) * Math.round(Math.abs(delta) / size), unit)
  }
  return nowWord(locale)
}
