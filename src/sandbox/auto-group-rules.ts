import { isUserSelectableGroup, MAX_TOKEN_AUTO_GROUPS } from './group-catalog'

// The per-token Auto order (since 2026-08-01), checked as upstream's setTokenAutoGroups does before a
// create or update stores it (controller/token.go): an empty list clears it; otherwise at most
// max_count groups, each once, each one the user may select. Messages are upstream's zh-CN texts.

export function autoGroupsRefusal(groups: readonly string[]): string | null {
  if (groups.length === 0) return null
  if (groups.length > MAX_TOKEN_AUTO_GROUPS) return `每个令牌最多可选择 ${MAX_TOKEN_AUTO_GROUPS} 个 Auto 分组`
  const seen = new Set<string>()
  for (const group of groups) {
    if (seen.has(group)) return `Auto 分组 ${group} 重复`
    seen.add(group)
    if (!isUserSelectableGroup(group)) return `Auto 分组 ${group} 不可用或无权访问`
  }
  return null
}

/** What the column holds after a successful check: null for an empty list (the answer sends null). */
export const storedAutoGroups = (groups: readonly string[] | null): string[] | null =>
  groups && groups.length > 0 ? [...groups] : null
