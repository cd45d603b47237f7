import { z } from 'zod'
import { DISPLAY_TYPES, NAME_BYTES_CURRENT, type ServerFacts } from './server-facts'

// The facts kept about a server, as a schema (for saved profiles and answers), apart from server-facts.ts
// so that the first screen can show money without zod.

export const serverFactsSchema = z.object({
  systemName: z.string().nullable(),
  version: z.string().nullable(),
  quotaPerUnit: z.number().positive(),
  displayType: z.enum(DISPLAY_TYPES),
  usdExchangeRate: z.number().positive(),
  customCurrencySymbol: z.string(),
  customCurrencyExchangeRate: z.number().positive(),
  /** The server's name limit; saved facts from before it was known read as today's limit. */
  maxNameBytes: z.number().int().positive().default(NAME_BYTES_CURRENT),
  /** `default_use_auto_group`: new tokens start in the `auto` group. */
  defaultUseAutoGroup: z.boolean().default(false),
  /** `server_address`; facts saved before it was read have none. */
  serverAddress: z.string().nullable().default(null),
}) satisfies z.ZodType<ServerFacts, unknown>

export type { ServerFacts }
