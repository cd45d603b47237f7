import { atoiErrorText, parseGoInt } from './go-atoi'
import { fail, ok, type Reply } from './reply'
import type { RequestContext } from './request-context'
import { publicToken } from './stored-token'
import { tokenPage } from './token-page'
import { updateToken } from './token-update'

// The token routes of docs/newapi-behaviour.md §5: list, get one, update. Keys are masked in every answer
// (legacy servers excepted).

export function listTokens({ query, state }: RequestContext): Reply {
  return ok(tokenPage(state.store.ownedBy(state.user.id), query, state.features))
}

/**
 * Upstream parses the id with strconv.Atoi and reports Go's own error text: "invalid syntax" for junk,
 * "value out of range" for a number beyond int64 (controller/token.go GetToken, GetTokenKey).
 */
export function parseTokenId(text: string): { id: number } | { error: string } {
  const parsed = parseGoInt(text)
  if (parsed.error !== null) return { error: atoiErrorText(text, parsed.error) }
  if (parsed.value === 0) return { error: 'id 或 userId 为空！' }
  return { id: parsed.value }
}

export function getToken({ params, state }: RequestContext): Reply {
  const parsed = parseTokenId(params[0] ?? '')
  if ('error' in parsed) return fail(parsed.error)
  const row = state.store.find(parsed.id, state.user.id)
  return row ? ok(publicToken(row, state.features)) : fail('record not found')
}

export function putToken({ raw, json, query, state }: RequestContext): Reply {
  // Any non-empty value counts, even "false" (docs/newapi-behaviour.md §5).
  const statusOnly = (query.get('status_only') ?? '') !== ''
  return updateToken(raw, json, statusOnly, {
    features: state.features,
    fork: state.forkColumns,
    store: state.store,
    userId: state.user.id,
    quotaPerUnit: state.quotaPerUnit,
    nowSeconds: Math.floor(Date.now() / 1000),
  })
}
