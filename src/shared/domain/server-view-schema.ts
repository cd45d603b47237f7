import { z } from 'zod'
import { NO_FILTER } from './token-filter'
import { tokenFilterSchema } from './token-filter-schema'

// A saved view (server-view.ts) as a schema: how the views file is read. Loose by design, see there.

const sortSchema = z.object({
  column: z.string().max(50),
  order: z.enum(['ascend', 'descend']),
})

export const serverViewSchema = z.object({
  query: z.string().max(500).catch('').default(''),
  sort: sortSchema.nullable().catch(null).default(null),
  filter: tokenFilterSchema.catch(NO_FILTER).default(NO_FILTER),
  /** Columns the user hid, by key. */
  hiddenColumns: z.array(z.string().max(50)).max(50).catch([]).default([]),
  /** Column widths the user dragged, in CSS pixels, by key. */
  columnWidths: z.record(z.string().max(50), z.number().int().min(24).max(2000)).catch({}).default({}),
  /** Pixels scrolled down the token list. */
  scrollTop: z.number().min(0).max(10_000_000).catch(0).default(0),
  /** The token editor that was open: a token by id, or a new token (with its kept draft). */
  editor: z
    .object({ tokenId: z.number().int().positive().nullable(), draftId: z.string().max(100).nullable() })
    .nullable()
    .catch(null)
    .default(null),
})

export type ServerView = z.output<typeof serverViewSchema>
