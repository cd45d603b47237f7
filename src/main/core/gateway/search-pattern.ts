import type { Token } from '@shared/domain/token'

// Substring search on current servers (since 2026-02-06) means wrapping the term in `%`, within the
// server's sanitizeLikePattern rules (docs/newapi-behaviour.md §5; mirrored by src/sandbox/token-search.ts):
// at most two `%`, never `%%`, and at least 2 bytes besides the `%` after `!` → `!!` and `_` → `!_`
// escaping; a user holding more than max_user_tokens may use no `%` at all. Anything the server would
// refuse is answered locally instead of spending the 10-per-minute search budget on a refusal.

/** new-api's default max_user_tokens; above it the server refuses every `%`. */
export const FUZZY_SEARCH_TOKEN_LIMIT = 1000

const encoder = new TextEncoder()

/** `%term%`, or null when the server would refuse it (or a user's own `%` would change its meaning). */
export function substringPattern(term: string): string | null {
  // The user's `%` cannot be escaped on the server: it would be a wildcard, not the character typed.
  if (term === '' || term.includes('%')) return null
  const escaped = term.replaceAll('!', '!!').replaceAll('_', '!_')
  if (encoder.encode(escaped).length < 2) return null
  return `%${term}%`
}

export interface SearchTerms {
  /** Part of the token name. */
  keyword: string
  /** Part of the key, with or without `sk-`. */
  key: string
}

export function normalizeTerms(terms: Partial<SearchTerms>): SearchTerms {
  return { keyword: terms.keyword ?? '', key: (terms.key ?? '').replace(/^sk-/, '') }
}

// Servers compare with SQL LIKE, which ignores ASCII case only; so does the local match.
const fold = (text: string): string => text.replace(/[A-Z]/g, (c) => c.toLowerCase())

/**
 * The local equivalent of a substring search. Keys are masked in lists on current servers, so locally
 * a key only matches on its visible first and last four characters.
 */
export function matchesTerms(token: Token, terms: SearchTerms): boolean {
  if (terms.keyword !== '' && !fold(token.name).includes(fold(terms.keyword))) return false
  if (terms.key !== '' && !fold(token.key.replace(/^sk-/, '')).includes(fold(terms.key))) return false
  return true
}
