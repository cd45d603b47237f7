import {
  AUTO_GROUP,
  AUTO_GROUP_ORDER,
  GROUPS,
  MAX_TOKEN_AUTO_GROUPS,
  modelsOf,
  rotate,
  USABLE_GROUPS,
} from './group-catalog'
import { ok, type Reply } from './reply'
import type { RequestContext } from './request-context'

// What a token editor offers (docs/newapi-behaviour.md §5): the user's models, the groups with ratio and
// description, and the Auto order. Models and groups come back in a varying order on purpose.

/** GET /api/user/models[?group=g]: every model of the user's groups, or of one group. */
export function getUserModels({ query, state }: RequestContext): Reply {
  const group = query.get('group') ?? ''
  const models = group === '' ? [...new Set(USABLE_GROUPS.flatMap(modelsOf))] : modelsOf(group)
  return ok(rotate(models, state.turn++))
}

/** GET /api/user/self/groups: `{ "<group>": { ratio, desc } }`, 'auto' with the ratio "自动". */
export function getUserGroups({ state }: RequestContext): Reply {
  const names = rotate([...USABLE_GROUPS, 'auto'], state.turn++)
  const groups: Record<string, { ratio: number | string; desc: string }> = {}
  for (const name of names) {
    const info = GROUPS[name]
    groups[name] = info ? { ratio: info.ratio, desc: info.desc } : { ...AUTO_GROUP }
  }
  return ok(groups)
}

/** GET /api/token/auto-groups (since 2026-08-01): the admin's Auto order and the per-token maximum. */
export function getAutoGroups(_ctx: RequestContext): Reply {
  return ok({ groups: [...AUTO_GROUP_ORDER], max_count: MAX_TOKEN_AUTO_GROUPS })
}
