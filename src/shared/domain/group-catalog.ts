import { z } from 'zod'
import { appErrorDataSchema } from '../result-schema'

// What a server offers a token editor (docs/newapi-behaviour.md §5): the groups a token may use with
// their price ratio and description, the user's own group (what the empty group means), the admin's
// Auto order and the most groups one token's own order may list, and the models of each group. Main
// reads it through the server's paced client and keeps it in memory for the session; when the server
// cannot be reached the last one read stands in (`source: 'memory'`, `error` says why).

export const catalogGroupSchema = z.object({
  name: z.string(),
  /** Price multiplier; 'auto' for the Auto group, whose ratio the server gives as a word. */
  ratio: z.union([z.number(), z.literal('auto')]),
  description: z.string(),
})
export type CatalogGroup = z.infer<typeof catalogGroupSchema>

export const autoGroupOrderSchema = z.object({
  /** The admin's Auto order: what an `auto` token without its own order falls back across. */
  groups: z.array(z.string()),
  /** The most groups a token's own order may list. */
  maxCount: z.number().int().nonnegative(),
})
export type AutoGroupOrder = z.infer<typeof autoGroupOrderSchema>

const freshness = {
  /** Unix milliseconds when the server was read. */
  fetchedAt: z.number(),
  /** 'memory': the server could not be read now, this is what it said earlier in this session. */
  source: z.enum(['server', 'memory']),
  error: appErrorDataSchema.nullable(),
}

export const groupCatalogSchema = z.object({
  profileId: z.string(),
  /** Sorted by name, `auto` last. */
  groups: z.array(catalogGroupSchema),
  /** The account's own group (`/api/user/self`): what the empty group stands for; null when unknown. */
  userGroup: z.string().nullable(),
  /** null: the server has no per-token Auto order (before 2026-08-01). */
  autoGroups: autoGroupOrderSchema.nullable(),
  /** The server takes several comma-separated groups per token (a fork that says so, or the user's setting). */
  multiGroup: z.boolean(),
  /** The server knows cross-group retry (since 2025-12-12). */
  crossGroupRetry: z.boolean(),
  ...freshness,
})
export type GroupCatalog = z.infer<typeof groupCatalogSchema>

export const groupModelsSchema = z.object({
  profileId: z.string(),
  /** As asked: '' (the user's own group), one group, or several comma-separated. */
  group: z.string(),
  /** Sorted, without repeats; for several groups, every model any of them offers. */
  models: z.array(z.string()),
  ...freshness,
})
export type GroupModels = z.infer<typeof groupModelsSchema>
