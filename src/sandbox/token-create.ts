import { autoGroupsRefusal, storedAutoGroups } from './auto-group-rules'
import { bindTokenBody } from './bind-token-body'
import { goZero } from './go-json'
import { fail, ok, type Reply } from './reply'
import type { RequestContext } from './request-context'
import { randomKey, seededRandom } from './seeded-random'
import type { StoredToken } from './stored-token'
import { checkNameAndQuota, STATUS_ENABLED } from './token-rules'

// POST /api/token/ (docs/newapi-behaviour.md §5): upstream's AddToken. The body binds like an update; only
// the editable fields are copied into a fresh row (id, key, status, times and used quota from the body
// are ignored), and the answer carries neither the id nor the key — a client finds its new token by
// listing page 1, newest first.
//
// The row goes in with gorm's `DB.Create`, which leaves out every zero-valued field that has a column
// default: `expired_time` 0 becomes -1 (never expires, `default:-1`), a nil `allow_ips` becomes ''
// (`default:''`), status is 1 (`default:1`) — model/token.go.

/** Keys of created tokens derive from their id, so runs are repeatable; seeded keys use another seed. */
const CREATED_KEY_SEED = 0x6b3a9e00

const NEVER_EXPIRES = -1

export function createToken({ raw, json, state }: RequestContext): Reply {
  const { features, forkColumns } = state
  const bound = bindTokenBody(raw, json, features, forkColumns)
  if (!bound.ok) return fail(bound.message)
  const { token } = bound
  const invalid = checkNameAndQuota(token, features, state.quotaPerUnit)
  if (invalid) return fail(invalid)
  if (features.tokenCountLimit && state.store.ownedBy(state.user.id).length >= state.maxUserTokens)
    return fail(`已达到最大令牌数量限制 (${state.maxUserTokens})`)
  let crossGroupRetry = token.cross_group_retry
  let autoGroups: string[] | null = null
  if (features.autoGroups) {
    if (token.group === 'auto') {
      // Absent, null and [] all store an empty order here.
      const refusal = autoGroupsRefusal(token.auto_groups.groups ?? [])
      if (refusal) return fail(refusal)
      autoGroups = storedAutoGroups(token.auto_groups.groups)
    } else crossGroupRetry = false
  }

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
    expired_time: token.expired_time === 0 ? NEVER_EXPIRES : token.expired_time,
    remain_quota: token.remain_quota,
    unlimited_quota: token.unlimited_quota,
    used_quota: 0,
    model_limits_enabled: token.model_limits_enabled,
    model_limits: token.model_limits,
    allow_ips: token.allow_ips ?? '',
    group: token.group,
  }
  if (features.crossGroupRetry) row.cross_group_retry = crossGroupRetry
  if (features.autoGroups) row.auto_groups = autoGroups
  for (const [name, column] of Object.entries(forkColumns)) {
    const value = token.fork[name]
    row[name] = structuredClone(value === goZero(column.type) ? column.createDefault : value)
  }
  state.store.insert(row)
  return ok()
}
