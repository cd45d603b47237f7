// Money display settings an admin chooses; /api/status reports them (docs/newapi-behaviour.md §4).

export type DisplayType = 'USD' | 'CNY' | 'CUSTOM' | 'TOKENS'

export const DEFAULT_QUOTA_PER_UNIT = 500_000
export const USD_EXCHANGE_RATE = 7.3
/** Upstream's defaults for the custom currency. */
export const CUSTOM_CURRENCY_SYMBOL = '¤'
export const CUSTOM_CURRENCY_EXCHANGE_RATE = 1
