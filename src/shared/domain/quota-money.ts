import { numberFormat } from './formatters'
import type { ServerFacts } from './server-facts'

// Quota units ↔ the money (or raw token count) a server displays. 500,000 units = $1 by default, but
// `quota_per_unit` and the display currency are admin settings, so every conversion takes the facts.

export interface MoneyUnit {
  /** Currency symbol, or null when the server shows raw quota units. */
  symbol: string | null
  /** Display amount per quota unit. */
  perQuota: number
}

export function moneyUnit(facts: ServerFacts): MoneyUnit {
  switch (facts.displayType) {
    case 'USD':
      return { symbol: '$', perQuota: 1 / facts.quotaPerUnit }
    case 'CNY':
      return { symbol: '¥', perQuota: facts.usdExchangeRate / facts.quotaPerUnit }
    case 'CUSTOM':
      return {
        symbol: facts.customCurrencySymbol,
        perQuota: facts.customCurrencyExchangeRate / facts.quotaPerUnit,
      }
    case 'TOKENS':
      return { symbol: null, perQuota: 1 }
  }
}

/** Quota units → display amount (unrounded). */
export function quotaToAmount(quota: number, facts: ServerFacts): number {
  return quota * moneyUnit(facts).perQuota
}

/** Display amount → whole quota units, as the web UI does: round(amount / rate × quota_per_unit). */
export function amountToQuota(amount: number, facts: ServerFacts): number {
  return Math.round(amount / moneyUnit(facts).perQuota)
}

/** Largest remaining quota a limited token may hold: 1e9 display units' worth. */
export function maxRemainQuota(facts: ServerFacts): number {
  return 1e9 * facts.quotaPerUnit
}

/** A short human string such as "$12.50" or "1,234,567" (raw units), for tables. */
export function formatQuota(quota: number, facts: ServerFacts, locale: string): string {
  const amount = quota * moneyUnit(facts).perQuota
  return formatAmount(amount, facts, locale, Math.abs(amount) >= 1 ? 2 : 4)
}

/**
 * A display amount written the way the table writes quota ("$499,994.00", "¥3.65", "1,234,567").
 * `maxDigits` caps the decimals: the table rounds, an input shows every digit it holds (up to 6).
 */
export function formatAmount(amount: number, facts: ServerFacts, locale: string, maxDigits = 6): string {
  const unit = moneyUnit(facts)
  // One minus sign, the typographic one, before the symbol: "−$50.00", never "$-50.00".
  const sign = amount < 0 ? '−' : ''
  const size = Math.abs(amount)
  if (unit.symbol === null) return sign + numberFormat(locale, { maximumFractionDigits: 0 }).format(size)
  const digits = Math.max(2, maxDigits)
  return (
    sign +
    unit.symbol +
    numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: digits }).format(size)
  )
}

// The ways of writing a number an amount input reads, each with what to drop and where its decimals
// start. Anything else is no amount: "1e3", "5 units" or another currency's "¥5" on a dollar server were
// once read as 13, 5 and 5 by dropping what was not a digit.
const NUMBER_FORMS: readonly { form: RegExp; grouping: RegExp; decimalComma: boolean }[] = [
  // 1234.5 · .5 · 1,234.5 · 1 234.5
  {
    form: /^(?:\d+(?:\.\d*)?|\.\d+|\d{1,3}(?:([, ])\d{3})(?:\1\d{3})*(?:\.\d*)?)$/,
    grouping: /[, ]/g,
    decimalComma: false,
  },
  // 12,5 · 12,50: a comma before one or two final digits is a decimal comma (three would be grouping)
  { form: /^\d+,\d{1,2}$/, grouping: /(?!)/g, decimalComma: true },
  // 1.234,5 · 1 234,5
  { form: /^\d{1,3}(?:([. ])\d{3})(?:\1\d{3})*,\d+$/, grouping: /[. ]/g, decimalComma: true },
]

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * What the user typed into an amount input, read back: a number written with a point or a decimal
 * comma, grouped by commas, points or spaces as the two conventions do, signed before or after the
 * currency's symbol, which may stand before or after it (`symbol`: the server's, or null for raw quota
 * units). null for anything else, so that the field can say it is no amount instead of guessing.
 */
export function parseAmount(text: string, symbol: string | null): number | null {
  // NFKC first: full-width digits, points and symbols from a Chinese input method ("１２．５", "￥")
  // become the plain ones.
  const typed = text
    .normalize('NFKC')
    .replace(/[\u00a0\u202f\u2009]/g, ' ')
    .replace(/\u2212/g, '-')
    .trim()
  const sym = symbol ? `(?:${escapeRegExp(symbol.trim())})` : '(?!)'
  const parts = new RegExp(
    `^([+-])?\\s*(${sym})?\\s*([+-])?\\s*([\\d., ]*\\d[\\d., ]*|\\.\\d+)\\s*(${sym})?$`,
  ).exec(typed)
  if (!parts) return null
  const [, signBefore, symbolBefore, signAfter, digits = '', symbolAfter] = parts
  if ((signBefore && signAfter) || (symbolBefore && symbolAfter)) return null
  const number = digits.trim()
  const format = NUMBER_FORMS.find(({ form }) => form.test(number))
  if (!format) return null
  const plain = number.replace(format.grouping, '')
  const value = Number(format.decimalComma ? plain.replace(',', '.') : plain)
  if (!Number.isFinite(value)) return null
  return (signBefore ?? signAfter) === '-' ? -value : value
}
