import { fail, ok, type Reply } from './reply'
import type { RequestContext } from './request-context'
import { bindIds, INVALID_PARAMS_MESSAGE } from './token-delete'
import { parseTokenId } from './token-routes'

// The plaintext key routes (docs/newapi-behaviour.md §5): POST /api/token/{id}/key (since 2026-03-08) and
// POST /api/token/batch/keys (since 2026-04-06). Both sit behind the shared critical rate limit; the
// router applies it. Keys come without the `sk-` prefix, exactly as stored.

const MAX_BATCH_KEYS = 100

export function revealKey({ params, state }: RequestContext): Reply {
  const parsed = parseTokenId(params[0] ?? '')
  if ('error' in parsed) return fail(parsed.error)
  const row = state.store.find(parsed.id, state.user.id)
  return row ? ok({ key: row.key }) : fail('record not found')
}

export function revealKeys({ json, state }: RequestContext): Reply {
  const ids = bindIds(json)
  if (!ids) return fail(INVALID_PARAMS_MESSAGE)
  if (ids.length > MAX_BATCH_KEYS) return fail(`批量请求数量过多，最多 ${MAX_BATCH_KEYS} 条`)
  // A Go map[int]string: JSON object keys are the ids as strings; unknown or foreign ids are omitted.
  const keys: Record<string, string> = {}
  for (const id of ids) {
    const row = state.store.find(id, state.user.id)
    if (row) keys[String(id)] = row.key
  }
  return ok({ keys })
}
