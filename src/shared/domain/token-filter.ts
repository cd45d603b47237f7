import type { OverlaidRow } from './draft-overlay'
import { effectiveStatus, type EffectiveStatus } from './effective-status'
import { splitIpList } from './ip-list-lines'
import { splitNameList } from './name-list'
import type { Token } from './token'
import { NEVER_EXPIRES } from './token-values'

// Which tokens the table shows: filters across every loaded token (the stock web UI filters only the
// page it shows) and a substring search over names and keys as a user sees or copies them (the server's own
// search has been an exact match since 2026-02). Pure, so the table, the counts and bulk actions all
// agree on what "the matching tokens" are.

export const EFFECTIVE_STATUSES = [
  'enabled',
  'disabled',
  'expired',
  'exhausted',
] as const satisfies readonly EffectiveStatus[]

/** Properties a token either has or not; several ticked means all of them. */
export const TOKEN_TRAITS = ['exhausted', 'unlimited', 'modelLimits', 'ipLimits', 'drafts'] as const
export type TokenTrait = (typeof TOKEN_TRAITS)[number]

/** What the table is filtered by (token-filter-schema.ts reads a saved one). */
export interface TokenFilter {
  /** Any of these effective statuses (none ticked: any status). */
  statuses: EffectiveStatus[]
  /** Tokens using any of these groups; '' is the user's own group (none ticked: any group). */
  groups: string[]
  /** Still valid, and expiring within this many days. */
  expiringWithinDays: number | null
  traits: TokenTrait[]
}

/** No filter at all (what token-filter-schema.ts reads an empty or damaged filter as). */
export const NO_FILTER: TokenFilter = { statuses: [], groups: [], expiringWithinDays: null, traits: [] }

const DAY_SECONDS = 86_400

export function isFilterActive(filter: TokenFilter): boolean {
  return (
    filter.statuses.length > 0 ||
    filter.groups.length > 0 ||
    filter.expiringWithinDays !== null ||
    filter.traits.length > 0
  )
}

/** The groups a token uses: several when a server allows comma-separated groups; '' = the user's own. */
export function groupsOf(token: Pick<Token, 'group'>): string[] {
  const groups = splitNameList(token.group ?? '')
  return groups.length > 0 ? groups : ['']
}

/** Models a token is limited to, or null when it is not limited. */
export function modelLimitCount(token: Pick<Token, 'model_limits_enabled' | 'model_limits'>): number | null {
  return token.model_limits_enabled ? splitNameList(token.model_limits ?? '').length : null
}

export function ipLimitCount(token: Pick<Token, 'allow_ips'>): number {
  return splitIpList(token.allow_ips ?? '').length
}

export function isExhausted(token: Pick<Token, 'unlimited_quota' | 'remain_quota'>): boolean {
  return !token.unlimited_quota && token.remain_quota <= 0
}

function hasTrait(row: OverlaidRow, trait: TokenTrait): boolean {
  const token = row.token
  switch (trait) {
    case 'exhausted':
      return isExhausted(token)
    case 'unlimited':
      return token.unlimited_quota
    case 'modelLimits':
      return token.model_limits_enabled
    case 'ipLimits':
      return ipLimitCount(token) > 0
    case 'drafts':
      return row.drafts.length > 0
  }
}

/** A key as the key field holds it: every copy of a key starts with `sk-`, the field does not. */
const withoutKeyPrefix = (text: string) => (text.startsWith('sk-') ? text.slice(3) : text)

/** A token's name and key in lower case, the key cut at its stars: what a search compares. */
interface SearchText {
  name: string
  keyParts: string[]
}

// Worked out once per token object, not at every keystroke for each of a thousand rows (a reload or a
// draft gives a token a new object, and so a new entry; the old one goes with its object).
const searchTexts = new WeakMap<object, SearchText>()

function searchTextOf(token: Pick<Token, 'name' | 'key'>): SearchText {
  let text = searchTexts.get(token)
  if (!text) {
    text = {
      name: token.name.toLocaleLowerCase(),
      keyParts: withoutKeyPrefix(token.key.toLocaleLowerCase()).split(/\*+/),
    }
    searchTexts.set(token, text)
  }
  return text
}

/**
 * Whether `needle` (lower case) finds this key. A masked key ("abcd**********wxyz") shows only its ends,
 * so besides a piece of either end, a search finds it by what a user pastes: the masked key as the table
 * shows it (or a part of it spanning the stars), or the whole key as a copy gives it, `sk-` and all. A
 * plain search never matches across the stars, where characters are hidden.
 */
function matchesKey(parts: readonly string[], needle: string): boolean {
  const wanted = withoutKeyPrefix(needle)
  // Not masked as the gateway masks (one run of stars between two ends): a piece of what shows.
  if (parts.length !== 2) return parts.some((part) => part.includes(wanted))
  const [head, tail] = parts as [string, string]
  if (wanted.includes('*')) {
    const [before = '', after, ...rest] = wanted.split(/\*+/)
    if (after === undefined || rest.length > 0 || before.length + after.length === 0) return false
    return head.endsWith(before) && tail.startsWith(after)
  }
  if (head.includes(wanted) || tail.includes(wanted)) return true
  return wanted.length >= head.length + tail.length && wanted.startsWith(head) && wanted.endsWith(tail)
}

/** What a search looks for: its text trimmed, in lower case ('' finds every token). */
const needleOf = (query: string) => query.trim().toLocaleLowerCase()

function matchesNeedle(token: Pick<Token, 'name' | 'key'>, needle: string): boolean {
  if (!needle) return true
  const text = searchTextOf(token)
  return text.name.includes(needle) || matchesKey(text.keyParts, needle)
}

/** Whether a token's name or its key (see matchesKey) contains the search text (any case). */
export function matchesSearch(token: Pick<Token, 'name' | 'key'>, query: string): boolean {
  return matchesNeedle(token, needleOf(query))
}

export function matchesFilter(row: OverlaidRow, filter: TokenFilter, nowSeconds: number): boolean {
  const token = row.token
  if (filter.statuses.length > 0 && !filter.statuses.includes(effectiveStatus(token, nowSeconds)))
    return false
  if (filter.groups.length > 0 && !groupsOf(token).some((group) => filter.groups.includes(group)))
    return false
  if (filter.expiringWithinDays !== null) {
    const expires = token.expired_time
    if (expires === NEVER_EXPIRES || expires <= nowSeconds) return false
    if (expires > nowSeconds + filter.expiringWithinDays * DAY_SECONDS) return false
  }
  return filter.traits.every((trait) => hasTrait(row, trait))
}

/** Whether a row matches the search and filters (the table's `keep` aside). */
export function matchesView(
  row: OverlaidRow,
  filter: TokenFilter,
  query: string,
  nowSeconds: number,
): boolean {
  return (
    matchesNeedle(row.token, needleOf(query)) &&
    (!isFilterActive(filter) || matchesFilter(row, filter, nowSeconds))
  )
}

/**
 * The rows the search and filters leave. `keep` names a token that stays whatever they say: the one
 * open in the editor, which renaming under a search (or reviving under "Expired") would otherwise take
 * out of the table while it is being edited.
 */
export function filterRows(
  rows: readonly OverlaidRow[],
  filter: TokenFilter,
  query: string,
  nowSeconds: number,
  keep: number | null = null,
): OverlaidRow[] {
  const active = isFilterActive(filter)
  const needle = needleOf(query)
  if (!active && !needle) return rows.slice()
  return rows.filter(
    (row) =>
      (keep !== null && row.token.id === keep && !row.creating) ||
      (matchesNeedle(row.token, needle) && (!active || matchesFilter(row, filter, nowSeconds))),
  )
}
