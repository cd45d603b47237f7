import type { OverlaidRow } from '@shared/domain/draft-overlay'
import { effectiveStatus, type EffectiveStatus } from '@shared/domain/effective-status'
import { lastUsedAt } from '@shared/domain/last-used'
import { formatQuota } from '@shared/domain/quota-money'
import { reviveToken } from '@shared/domain/revive-token'
import type { ServerFacts } from '@shared/domain/server-facts'
import { ipLimitCount, modelLimitCount } from '@shared/domain/token-filter'
import { TOKEN_STATUS } from '@shared/domain/token-values'
import { DRAFT_TAG_TYPE, type DraftTagType } from './draft-tag'
import type { RowLabels } from './row-labels'
import { expiryText, formatDate, remainingShare, whenText, type WhenText } from './token-cells'

// Everything one row of the token table shows, as plain strings and flags: worked out once per token
// and moment, then written into the row's cells by grid-row-cells.ts. Kept apart from the DOM so what a
// row says can be read (and tested) without drawing it.

export interface RowViewContext {
  facts: ServerFacts
  nowSeconds: number
  locale: string
  labels: RowLabels
  /** The one name of a group (the table's, shared by every row). */
  groupLabel: (group: string | null | undefined) => string
}

export interface Limit {
  count: number | null
  list: string | null
}

export interface RowView {
  /** The name, or the word for a token without one (`unnamed` then). */
  name: string
  unnamed: boolean
  /** The unsynced draft's mark ("New · Draft"), or null. */
  draft: { text: string; type: DraftTagType } | null
  status: EffectiveStatus
  statusText: string
  key: string | null
  /** Remaining quota: the word for unlimited, or the amount and its share of remaining + used. */
  remaining: { text: string; share: number | null }
  used: string
  group: string
  /** The token names no group of its own (it uses the user's). */
  ownGroup: boolean
  /** How many models or IPs the token is limited to (null: no limit), and the list for the tooltip. */
  models: Limit
  ips: Limit
  created: string
  accessed: WhenText | null
  expires: (WhenText & { past: boolean }) | null
  /** A create not yet on the server: it cannot be selected yet. */
  creating: boolean
  /** A create or delete not yet on the server: only Edit is offered. */
  settled: boolean
  /** Expired or out of quota (not switched off): one click makes it usable again. */
  revivable: boolean
  /** What that click sets (a new expiry, how much quota), for a revivable row. */
  reviveHint: string | null
  disabled: boolean
}

function draftTag(row: OverlaidRow, labels: RowLabels): RowView['draft'] {
  if (!row.state) return null
  const state = labels.draftState[row.state]
  const quantity = row.creating ? (row.drafts[0]?.quantity ?? 1) : 1
  const mark = row.creating
    ? quantity > 1
      ? labels.creatingMany(quantity)
      : labels.creating
    : row.deleting
      ? labels.deleting
      : null
  return { text: mark ? `${mark} · ${state}` : state, type: DRAFT_TAG_TYPE[row.state] }
}

function ipLimit(allowIps: string | null | undefined): Limit {
  const count = ipLimitCount({ allow_ips: allowIps ?? '' })
  return count > 0 ? { count, list: allowIps ?? '' } : { count: null, list: null }
}

function reviveHint(token: OverlaidRow['token'], { facts, nowSeconds, locale, labels }: RowViewContext) {
  const plan = reviveToken(token, nowSeconds, facts.quotaPerUnit)
  if (!plan) return null
  const quota = plan.quota?.mode === 'set' ? formatQuota(plan.quota.value, facts, locale) : null
  return labels.reviveHint(plan.reasons, quota)
}

export function rowView(row: OverlaidRow, context: RowViewContext): RowView {
  const { token } = row
  const { facts, nowSeconds, locale, labels } = context
  const status = effectiveStatus(token, nowSeconds)
  const revivable = status === 'expired' || status === 'exhausted'
  const money = (quota: number) => formatQuota(quota, facts, locale)
  const accessedAt = lastUsedAt(token)
  const expiry = expiryText(token, nowSeconds, locale)
  return {
    name: token.name || labels.unnamed,
    unnamed: !token.name,
    draft: draftTag(row, labels),
    status,
    statusText: labels.status[status],
    key: token.key || null,
    remaining: token.unlimited_quota
      ? { text: labels.unlimited, share: null }
      : { text: money(token.remain_quota), share: remainingShare(token) },
    used: money(token.used_quota),
    group: context.groupLabel(token.group),
    ownGroup: !token.group,
    models: {
      count: modelLimitCount(token),
      list: token.model_limits_enabled ? (token.model_limits ?? '') : null,
    },
    ips: ipLimit(token.allow_ips),
    created: token.created_time > 0 ? formatDate(token.created_time, locale) : '—',
    accessed: accessedAt === null ? null : whenText(accessedAt, nowSeconds, locale),
    expires: expiry && { ...expiry, past: token.expired_time <= nowSeconds },
    creating: row.creating,
    settled: !row.creating && !row.deleting,
    revivable,
    reviveHint: revivable ? reviveHint(token, context) : null,
    disabled: token.status === TOKEN_STATUS.disabled,
  }
}

/**
 * `rowView` remembered per row for one context: the table draws every row in view again when any of
 * them changes (a selection, a scroll), and a row's dates and amounts are the costly part. A new context
 * (another moment, language, server or group name) works them out again.
 */
export function createRowViews(): (row: OverlaidRow, context: RowViewContext) => RowView {
  let views = new WeakMap<OverlaidRow, RowView>()
  let readWith: RowViewContext | null = null
  return (row, context) => {
    if (context !== readWith) {
      views = new WeakMap()
      readWith = context
    }
    let view = views.get(row)
    if (!view) {
      view = rowView(row, context)
      views.set(row, view)
    }
    return view
  }
}
