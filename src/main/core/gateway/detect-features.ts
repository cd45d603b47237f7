import type { ServerFeatures } from '@shared/domain/profile'
import { AppError } from '@shared/result'
import type { GatewayContext, Paging } from './gateway-context'
import type { GatewayHttpClient } from './http-client'
import { detectNameLimit } from './name-limit'
import { isMaskedKey } from './parse-answer'
import { readPageAnswer, readTokenPage } from './token-pages'
import { autoGroups } from './user-catalog'

// What a server can do, found with a few cheap reads and no side effects (docs/newapi-behaviour.md dates):
//   1. `GET /api/token/?p=0&size=1` — the answer's shape gives the paging style (bare array before
//      2025-06-12), and a `*` in the one key shown says keys are masked (since 2026-03-08).
//   2. `GET /api/token/auto-groups` — present since 2026-08-01, so it also vouches for everything older.
//   3. Only when still ambiguous (1-based paging but no masked key to see): one search for a name no one
//      uses, whose answer shape tells exact search (2026-02-06, paged object) from substring (bare array).
// Routes that cannot be probed without side effects (key reveal, batch delete) are inferred from the
// era; a client that later meets "unknown route" on one of them remembers that instead. The name limit
// is dated the same way (name-limit.ts).
// The `version` in /api/status is not used: forks and resellers number their releases their own way.

/** A name no token carries: an exact search for it finds nothing on every server. */
const SEARCH_PROBE = 'tokendesk-feature-probe'

export async function detectFeatures(
  client: { readonly http: GatewayHttpClient },
  now: () => number = Date.now,
): Promise<ServerFeatures> {
  // Probe with no remembered features, so every call asks the server instead of answering from memory.
  const probe: GatewayContext = {
    http: client.http,
    features: () => null,
    learn: () => undefined,
    newestSeen: null,
  }
  const page = await readTokenPage(probe, 0, 1, null)
  const sample = page.tokens.find((token) => token.key !== '')
  const masked = sample ? isMaskedKey(sample.key) : null
  const hasAutoGroups = (await autoGroups(probe)) !== null
  const detectedAt = now()

  if (page.paging === 'zero-based-array' && !hasAutoGroups) {
    // Before 2025-06-12: plaintext keys, substring search, no batch routes.
    const maskedKeys = masked ?? false
    return {
      detectedAt,
      paging: 'zero-based-array',
      maskedKeys,
      autoGroups: false,
      keyReveal: maskedKeys,
      batchKeyReveal: maskedKeys,
      batchDelete: false,
      exactSearch: false,
      maxNameBytes: detectNameLimit({ paging: page.paging, recent: false, rows: page.tokens }),
    }
  }
  const paging: Paging = page.paging
  if (hasAutoGroups || masked === true) {
    // Masked keys arrived with the reveal routes (2026-03-08), after exact search (2026-02-06).
    return {
      detectedAt,
      paging,
      maskedKeys: masked ?? true,
      autoGroups: hasAutoGroups,
      keyReveal: true,
      batchKeyReveal: true,
      batchDelete: true,
      exactSearch: true,
      maxNameBytes: detectNameLimit({ paging, recent: true, rows: page.tokens }),
    }
  }
  const exactSearch = await probeExactSearch(client.http)
  // Unmasked keys seen: before 2026-03-08. No key to see: an exact-search server most likely masks.
  const maskedKeys = masked ?? exactSearch
  return {
    detectedAt,
    paging,
    maskedKeys,
    autoGroups: false,
    keyReveal: maskedKeys,
    batchKeyReveal: maskedKeys,
    batchDelete: true,
    exactSearch,
    maxNameBytes: detectNameLimit({ paging, recent: exactSearch, rows: page.tokens }),
  }
}

/** true when search answers a paged object (exact match), false for a bare array (substring). */
async function probeExactSearch(http: GatewayHttpClient): Promise<boolean> {
  try {
    const data = await http.request({
      method: 'GET',
      path: '/api/token/search',
      query: { keyword: SEARCH_PROBE, p: 1, page_size: 1 },
      bucket: 'search',
    })
    return readPageAnswer(data, 'the search result').paging !== 'zero-based-array'
  } catch (error) {
    // Out of search budget: assume the newer behaviour; wrapping terms in % is a substring search on
    // both generations, and a later search answer corrects the memory.
    if (error instanceof AppError && error.code === 'rate-limited') return true
    throw error
  }
}
