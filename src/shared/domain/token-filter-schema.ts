import { z } from 'zod'
import { EFFECTIVE_STATUSES, TOKEN_TRAITS, type TokenFilter } from './token-filter'

// A table filter as a schema (a saved view is read with it), apart from token-filter.ts so that the
// table filters without zod. Loose: a bad part reads as "not filtered by it".

export const tokenFilterSchema = z.object({
  /** Any of these effective statuses (none ticked: any status). */
  statuses: z.array(z.enum(EFFECTIVE_STATUSES)).max(4).catch([]).default([]),
  /** Tokens using any of these groups; '' is the user's own group (none ticked: any group). */
  groups: z.array(z.string().max(200)).max(500).catch([]).default([]),
  /** Still valid, and expiring within this many days. */
  expiringWithinDays: z.number().int().min(1).max(3650).nullable().catch(null).default(null),
  traits: z.array(z.enum(TOKEN_TRAITS)).max(TOKEN_TRAITS.length).catch([]).default([]),
}) satisfies z.ZodType<TokenFilter, unknown>

export type { TokenFilter }
