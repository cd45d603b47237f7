import { goAtoiIgnoringError } from './go-atoi'
import { fail, ok, type Reply } from './reply'
import type { RequestContext } from './request-context'

// DELETE /api/token/{id} and POST /api/token/batch (docs/newapi-behaviour.md §5). Both soft-delete: the row
// leaves list, get and search at once.

export const INVALID_PARAMS_MESSAGE = '无效的参数'

export function deleteToken({ params, state }: RequestContext): Reply {
  // Upstream ignores the Atoi error here (`id, _ := strconv.Atoi(...)`): a junk id becomes 0 and fails
  // the "empty id" check; one beyond int64 is clamped and simply not found.
  const id = goAtoiIgnoringError(params[0] ?? '')
  if (id === 0) return fail('id 或 userId 为空！')
  if (!state.store.find(id, state.user.id)) return fail('record not found')
  state.store.remove(id)
  return ok()
}

/** The `{"ids": [...]}` body of the batch routes; null when it is not one (or has no ids). */
export function bindIds(parsed: unknown): number[] | null {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null
  const ids = (parsed as { ids?: unknown }).ids
  if (!Array.isArray(ids) || ids.length === 0) return null
  if (!ids.every((id) => typeof id === 'number' && Number.isInteger(id))) return null
  return ids as number[]
}

export function deleteTokenBatch({ json, state }: RequestContext): Reply {
  const ids = bindIds(json)
  if (!ids) return fail(INVALID_PARAMS_MESSAGE)
  // Ids that are unknown, repeated or someone else's simply do not count.
  let count = 0
  for (const id of new Set(ids)) {
    if (state.store.find(id, state.user.id) && state.store.remove(id)) count += 1
  }
  return ok(count)
}
