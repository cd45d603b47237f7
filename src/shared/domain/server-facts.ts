// What TokenDesk remembers about a server: from `GET /api/status`, enough to show quota as money and
// to fill a new token's defaults; and what its generation accepts (the name limit), which no route
// states — it comes from the detected features (gateway/detect-features.ts) or a refusal that teaches it.

export const DISPLAY_TYPES = ['USD', 'CNY', 'CUSTOM', 'TOKENS'] as const
export type DisplayType = (typeof DISPLAY_TYPES)[number]

export const DEFAULT_QUOTA_PER_UNIT = 500_000

/** Longest token name in UTF-8 bytes: 50 since 2025-12-04, 30 before. */
export const NAME_BYTES_CURRENT = 50
export const NAME_BYTES_BEFORE_2025_12 = 30

/** What TokenDesk knows of a server (server-facts-schema.ts reads it from answers and saved profiles). */
export interface ServerFacts {
  systemName: string | null
  version: string | null
  quotaPerUnit: number
  displayType: DisplayType
  usdExchangeRate: number
  customCurrencySymbol: string
  customCurrencyExchangeRate: number
  /** The server's name limit in UTF-8 bytes. */
  maxNameBytes: number
  /** `default_use_auto_group`: new tokens start in the `auto` group. */
  defaultUseAutoGroup: boolean
  /**
   * `server_address`: the address the server's admin set for clients to call (the stock web UI puts it
   * in the connection info it copies), as a base URL; null when the server states none usable.
   */
  serverAddress: string | null
}

export const DEFAULT_SERVER_FACTS: ServerFacts = {
  systemName: null,
  version: null,
  quotaPerUnit: DEFAULT_QUOTA_PER_UNIT,
  displayType: 'USD',
  usdExchangeRate: 7.3,
  customCurrencySymbol: '¤',
  customCurrencyExchangeRate: 1,
  maxNameBytes: NAME_BYTES_CURRENT,
  defaultUseAutoGroup: false,
  serverAddress: null,
}
