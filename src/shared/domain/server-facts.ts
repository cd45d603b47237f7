import { z } from 'zod'

// What TokenDesk remembers about a server from `GET /api/status`: enough to show quota as money.

export const DISPLAY_TYPES = ['USD', 'CNY', 'CUSTOM', 'TOKENS'] as const
export type DisplayType = (typeof DISPLAY_TYPES)[number]

export const DEFAULT_QUOTA_PER_UNIT = 500_000

export const serverFactsSchema = z.object({
  systemName: z.string().nullable(),
  version: z.string().nullable(),
  quotaPerUnit: z.number().positive(),
  displayType: z.enum(DISPLAY_TYPES),
  usdExchangeRate: z.number().positive(),
  customCurrencySymbol: z.string(),
  customCurrencyExchangeRate: z.number().positive(),
})

export type ServerFacts = z.infer<typeof serverFactsSchema>

export const DEFAULT_SERVER_FACTS: ServerFacts = {
  systemName: null,
  version: null,
  quotaPerUnit: DEFAULT_QUOTA_PER_UNIT,
  displayType: 'USD',
  usdExchangeRate: 7.3,
  customCurrencySymbol: '¤',
  customCurrencyExchangeRate: 1,
}
