// The groups and models an admin configured on the sandbox (docs/newapi-behaviour.md §5): what
// /api/user/self/groups, /api/user/models and /api/token/auto-groups report. The sandbox user's own
// group is 'default' and it may also use 'vip'; 'svip' exists but is not for this user, so asking for
// its models yields nothing. Model names match the seed tokens' model_limits.

export interface GroupInfo {
  ratio: number
  desc: string
  models: readonly string[]
}

export const GROUPS: Readonly<Record<string, GroupInfo>> = {
  default: {
    ratio: 1,
    desc: '默认分组',
    models: ['gpt-4o-mini', 'gpt-4o', 'claude-3-5-haiku', 'text-embedding-3-small'],
  },
  vip: { ratio: 0.8, desc: 'VIP 分组', models: ['gpt-4o', 'claude-3-5-sonnet', 'o3-mini', 'gpt-4o-mini'] },
  svip: { ratio: 0.5, desc: 'SVIP 分组', models: ['gpt-4o', 'o3', 'claude-opus-4'] },
}

/** Groups the sandbox user may pick for a token, besides 'auto'. */
export const USABLE_GROUPS: readonly string[] = ['default', 'vip']

/** 'auto' reports this text instead of a number as its ratio. */
export const AUTO_GROUP = { ratio: '自动', desc: '自动选择可用分组，按顺序回退' } as const

/** The admin's Auto order and the most groups one token may list (GetMaxTokenAutoGroups). */
export const AUTO_GROUP_ORDER: readonly string[] = ['vip', 'default']
export const MAX_TOKEN_AUTO_GROUPS = 5

/**
 * service.IsUserSelectableGroup: a group a token's Auto order may name — one of the user's usable groups
 * that has a ratio configured; never '' nor 'auto' itself. The admin's Auto order does not restrict it.
 */
export function isUserSelectableGroup(group: string): boolean {
  return group !== '' && group !== 'auto' && USABLE_GROUPS.includes(group) && group in GROUPS
}

/** Models of one group the user may use; 'auto' means every group of the Auto order. */
export function modelsOf(group: string): string[] {
  const groups = group === 'auto' ? AUTO_GROUP_ORDER : USABLE_GROUPS.includes(group) ? [group] : []
  return [...new Set(groups.flatMap((name) => GROUPS[name]?.models ?? []))]
}

/**
 * The server answers from Go maps and unordered SQL, so clients must not rely on order. The sandbox
 * rotates its answer by a per-call counter: deterministic, yet two calls in a row disagree on order.
 */
export function rotate<T>(items: readonly T[], turn: number): T[] {
  if (items.length === 0) return []
  const shift = turn % items.length
  return [...items.slice(shift), ...items.slice(0, shift)]
}
