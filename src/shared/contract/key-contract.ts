import { z } from 'zod'
import { CLIENT_LINK_TARGETS } from '../domain/client-links'
import { KEY_COPY_FORMATS } from '../domain/key-copy-text'
import { profileIdSchema, tokenIdSchema } from './draft-contract'

// The key channels. A plaintext key leaves main only on the user's explicit copy or "open in", and only
// when the host cannot deliver it itself: the Electron host writes the clipboard and opens the link in
// main (answering `text: null` / `url: null`), the browser host's page has to do it (Node has no OS
// clipboard there), so its answer carries the text or link once, for that one action.

/** Ids a copy may name: a user holds at most 1000 tokens by default; admins raise that. */
export const MAX_COPY_IDS = 5000

export const keyBudgetSchema = z.object({
  /** Key reveals TokenDesk may still send now without passing the server's critical limit. */
  left: z.number().int().nonnegative(),
  limit: z.number().int().positive(),
  /** When the oldest counted reveal leaves the window (unix ms); null when none is counted. */
  nextFreeAt: z.number().nullable(),
  windowSeconds: z.number().positive(),
})
export type KeyBudget = z.output<typeof keyBudgetSchema>

/** One label of the connection text: a short word or two, on the line before the value. */
const connectionLabelSchema = z.string().regex(/^[^\r\n]{1,40}$/)

export const keyCopyInputSchema = z.object({
  profileId: profileIdSchema,
  tokenIds: z.array(tokenIdSchema).min(1).max(MAX_COPY_IDS),
  format: z.enum(KEY_COPY_FORMATS),
  /** The `connection` format's labels in the window's language; English without them. */
  labels: z.object({ baseUrl: connectionLabelSchema, apiKey: connectionLabelSchema }).optional(),
})

export const keyCopyOutputSchema = z.object({
  /** True when main put the text on the clipboard itself (then `text` is null). */
  copied: z.boolean(),
  /** The text for the page to put on the clipboard; null when main already did. */
  text: z.string().nullable(),
  /** Keys in the text. */
  count: z.number().int().nonnegative(),
  /** Ids the server does not know (deleted meanwhile, or someone else's): left out of the text. */
  missing: z.array(z.number().int()),
  budget: keyBudgetSchema,
})

export const keyOpenInputSchema = z.object({
  profileId: profileIdSchema,
  tokenId: tokenIdSchema,
  target: z.enum(CLIENT_LINK_TARGETS),
})

export const keyOpenOutputSchema = z.object({
  /** True when main handed the link to the OS itself (then `url` is null). */
  opened: z.boolean(),
  /** The link for the page to open; null when main already did. */
  url: z.string().nullable(),
  budget: keyBudgetSchema,
})
