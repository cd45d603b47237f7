import { bindTokenBody } from './bind-token-body'
import { fail, ok, type Reply } from './reply'
import type { RequestContext } from './request-context'
import { randomKey, seededRandom } from './seeded-random'
import { isModelField, type StoredToken } from './stored-token'
import { checkNameAndQuota, cleanAllowIps, STATUS_ENABLED } from './token-rules'

// POST /api/token/ (newapi-behaviour.md §5): upstream's AddToken. The body binds like an update; only
// the editable fields are copied into a fresh row (id, key, status, times and used quota from the body
// are ignored), and the answer carries neither the id nor the key — a client finds its new token by
// listing page 1, newest first.

/** Keys of created tokens derive from their id, so runs are repeatable; seeded keys use another seed. */
const CREATED_KEY_SEED = 0x6b3a9e00

export function createToken({ raw, json, state }: RequestContext): Reply {
  const bound = bindTokenBody(raw, json, state.features)
  if (!bound.ok) return fail(bound.message)
  const { token, body } = bound
  const invalid = checkNameAndQuota(token, state.features, state.quotaPerUnit)
  if (invalid) return fail(invalid)
  if (state.store.ownedBy(state.user.id).length >= state.maxUserTokens)
    return fail(`已达到最大令牌数量限制 (${state.maxUserTokens})`)

  const id = state.store.nextId()
  const now = Math.floor(Date.now() / 1000)
  const row: StoredToken = {
    id,
    user_id: state.user.id,
    key: randomKey(seededRandom(CREATED_KEY_SEED + id)),
    status: STATUS_ENABLED,
    name: token.name,
    created_time: now,
    accessed_time: now,
    expired_time: token.expired_time,
    remain_quota: token.remain_quota,
    unlimited_quota: token.unlimited_quota,
    used_quota: 0,
    model_limits_enabled: token.model_limits_enabled,
    model_limits: token.model_limits,
    allow_ips: cleanAllowIps(token.allow_ips),
    group: token.group,
  }
  if (state.features.crossGroupRetry) row.cross_group_retry = token.cross_group_retry
  if (state.features.autoGroups) {
    // Cross-group retry and the Auto order only mean something for the 'auto' group; upstream drops them.
    const auto = token.group === 'auto'
    row.cross_group_retry = auto && token.cross_group_retry
    row.auto_groups = auto && token.auto_groups?.length ? [...token.auto_groups] : null
  }
  // The reseller fork the sandbox imitates stores its own columns from the body.
  for (const [field, value] of Object.entries(body)) {
    if (!isModelField(field, state.features)) row[field] = structuredClone(value)
  }
  state.store.insert(row)
  return ok()
}
