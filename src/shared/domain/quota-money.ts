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
  if (unit.symbol === null) return numberFormat(locale, { maximumFractionDigits: 0 }).format(amount)
  const digits = Math.max(2, maxDigits)
  return (
    unit.symbol +
    numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: digits }).format(amount)
  )
}

/**
 * What the user typed into an amount input, read back: the symbol, grouping separators and spaces
 * ignored, a comma standing alone before 1-2 final digits read as a decimal comma. null when no number.
 */
export function parseAmount(text: string): number | null {
  let cleaned = text.replace(/[^\d.,+-]/g, '')
  if (!cleaned.includes('.') && /,\d{1,2}$/.test(cleaned)) cleaned = cleaned.replace(/,(\d{1,2})$/, '.$1')
  cleaned = cleaned.replace(/,/g, '')
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(cleaned)) return null
  const value = Number(cleaned)
  return Number.isFinite(value) ? value : null
}
