import { z } from 'zod'
import type { GatewayContext } from './gateway-context'
import { parseOrBadResponse } from './parse-answer'
import { isMissingAutoGroupsRoute } from './unknown-route'
import { AUTO_GROUP } from '@shared/domain/token-fields'

// What a token editor offers: the models the user may use, the groups a token may use (with ratio and
// description), and the Auto order (docs/newapi-behaviour.md §5). The server answers from Go maps and
// unordered SQL, so everything is sorted here: the UI must not reshuffle between two loads.

export interface UserGroup {
  name: string
  /** Price multiplier; 'auto' for the Auto group, whose ratio is the text "自动". */
  ratio: number | 'auto'
  description: string
}

export interface AutoGroups {
  /** The admin's Auto order: the groups an `auto` token falls back across, in order. */
  groups: string[]
  /** The most groups one token may list in its own `auto_groups`. */
  maxCount: number
}

export { AUTO_GROUP }

/** Models of the user, or of one group; sorted and without repeats. */
export async function userModels(ctx: GatewayContext, group?: string): Promise<string[]> {
  const data = await ctx.http.request({
    method: 'GET',
    path: '/api/user/models',
    ...(group ? { query: { group } } : {}),
  })
  const models = parseOrBadResponse(z.array(z.string()).nullable(), data ?? null, 'the models') ?? []
  return [...new Set(models)].sort((a, b) => a.localeCompare(b, 'en'))
}

const groupInfoSchema = z.union([
  z.looseObject({ ratio: z.unknown().optional(), desc: z.string().nullish() }),
  // Some versions map a group straight to its ratio.
  z.number(),
])

function ratioOf(name: string, ratio: unknown): number | 'auto' {
  if (name === AUTO_GROUP) return 'auto'
  if (typeof ratio === 'number' && Number.isFinite(ratio)) return ratio
  if (typeof ratio === 'string' && ratio.trim() !== '' && Number.isFinite(Number(ratio))) return Number(ratio)
  // "自动" (or another word) means the server picks: shown as Auto.
  return 'auto'
}

/** Groups with ratio and description, sorted by name with `auto` (a fallback, not a group) last. */
export async function userGroups(ctx: GatewayContext): Promise<UserGroup[]> {
  const data = await ctx.http.request({ method: 'GET', path: '/api/user/self/groups' })
  const record = parseOrBadResponse(
    z.record(z.string(), groupInfoSchema).nullable(),
    data ?? null,
    'the groups',
  )
  const groups = Object.entries(record ?? {}).map(([name, info]): UserGroup => {
    if (typeof info === 'number') return { name, ratio: ratioOf(name, info), description: '' }
    return { name, ratio: ratioOf(name, info.ratio), description: info.desc ?? '' }
  })
  return groups.sort((a, b) => {
    if ((a.name === AUTO_GROUP) !== (b.name === AUTO_GROUP)) return a.name === AUTO_GROUP ? 1 : -1
    return a.name.localeCompare(b.name, 'en')
  })
}

const autoGroupsSchema = z.looseObject({
  groups: z.array(z.string()).nullable(),
  max_count: z.number().int().nonnegative().nullish(),
})

/**
 * The Auto order and per-token limit (since 2026-08-01), or null on a server without the route. Older
 * servers read "auto-groups" as a token id; see unknown-route.ts for how that answer is recognised.
 */
export async function autoGroups(ctx: GatewayContext): Promise<AutoGroups | null> {
  if (ctx.features()?.autoGroups === false) return null
  let data: unknown
  try {
    data = await ctx.http.request({ method: 'GET', path: '/api/token/auto-groups' })
  } catch (error) {
    if (!isMissingAutoGroupsRoute(error)) throw error
    if (ctx.features()?.autoGroups) ctx.learn({ autoGroups: false })
    return null
  }
  const parsed = autoGroupsSchema.safeParse(data)
  // A token-shaped answer (a server that found "token 0") is the same "no such route".
  if (!parsed.success) return null
  const groups = parsed.data.groups ?? []
  return { groups, maxCount: parsed.data.max_count ?? groups.length }
}
