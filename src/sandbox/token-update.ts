import { autoGroupsRefusal, storedAutoGroups } from './auto-group-rules'
import { bindTokenBody, type BoundToken } from './bind-token-body'
import type { ForkColumns } from './fork-columns'
import type { ModeFeatures } from './mode-features'
import { fail, ok, type Reply } from './reply'
import { publicToken, type StoredToken } from './stored-token'
import { checkNameAndQuota, enableRefusal, STATUS_ENABLED } from './token-rules'
import type { TokenStore } from './token-store'

// PUT /api/token/ — a full replace with no version check (docs/newapi-behaviour.md §6), and its
// `?status_only=` variant, as controller/token.go UpdateToken does it: bind, name, quota, look-up,
// the enable rule, then either the status alone or every editable column from the body.

export interface UpdateContext {
  features: ModeFeatures
  fork: ForkColumns
  store: TokenStore
  userId: number
  quotaPerUnit: number
  nowSeconds: number
}

/**
 * The Auto order as the update leaves it: a group other than 'auto' clears it; 'auto' stores a list the
 * body carries (validated) and keeps the stored one when the body has none. `undefined` = unchanged.
 */
function nextAutoGroups(token: BoundToken): { refusal: string } | { groups: string[] | null | undefined } {
  if (token.group !== 'auto') return { groups: null }
  if (!token.auto_groups.set) return { groups: undefined }
  const refusal = autoGroupsRefusal(token.auto_groups.groups ?? [])
  return refusal ? { refusal } : { groups: storedAutoGroups(token.auto_groups.groups) }
}

function applyFullUpdate(row: StoredToken, token: BoundToken, ctx: UpdateContext): Reply | null {
  const { features } = ctx
  let autoGroups: string[] | null | undefined
  if (features.autoGroups) {
    const next = nextAutoGroups(token)
    if ('refusal' in next) return fail(next.refusal)
    autoGroups = next.groups
  }
  row.name = token.name
  row.expired_time = token.expired_time
  row.remain_quota = token.remain_quota
  row.unlimited_quota = token.unlimited_quota
  row.model_limits_enabled = token.model_limits_enabled
  row.model_limits = token.model_limits
  // Stored exactly as sent (a nil pointer when omitted); spaces and commas are dropped only when the
  // key is used (model.Token GetIpLimits), never in what the API answers.
  row.allow_ips = token.allow_ips
  row.group = token.group
  if (features.crossGroupRetry) row.cross_group_retry = token.cross_group_retry
  if (features.autoGroups) {
    // Cross-group retry only means something for 'auto': any other group switches it off.
    if (token.group !== 'auto') row.cross_group_retry = false
    if (autoGroups !== undefined) row.auto_groups = autoGroups
  }
  Object.assign(row, token.fork)
  return null
}

export function updateToken(raw: string, parsed: unknown, statusOnly: boolean, ctx: UpdateContext): Reply {
  const bound = bindTokenBody(raw, parsed, ctx.features, ctx.fork)
  if (!bound.ok) return fail(bound.message)
  const { token } = bound
  const invalid = checkNameAndQuota(token, ctx.features, ctx.quotaPerUnit)
  if (invalid) return fail(invalid)
  if (token.id === 0) return fail('id 或 userId 为空！')
  const row = ctx.store.find(token.id, ctx.userId)
  if (!row) return fail('record not found')
  if (token.status === STATUS_ENABLED) {
    const refusal = enableRefusal(row, ctx.nowSeconds)
    if (refusal) return fail(refusal)
  }
  // Status is never touched by a full update; status_only stores any number, unvalidated.
  if (statusOnly) row.status = token.status
  else {
    const refused = applyFullUpdate(row, token, ctx)
    if (refused) return refused
  }
  // Upstream answers with the row as the handler read it just before writing, the body's fields applied
  // — its used_quota is that read's, not written by the PUT. The sandbox reads and writes in one step,
  // so the live row is exactly that; usage after this moment does not show in the answer.
  return ok(publicToken(row, ctx.features))
}
