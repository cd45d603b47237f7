import { groupLabel } from './group-label'
import type { DraftBase, DraftView, MergedField } from '@shared/domain/draft'
import type { QuotaIntent } from '@shared/domain/quota-intent'
import { formatList } from '@shared/domain/formatters'
import { formatQuota } from '@shared/domain/quota-money'
import type { ServerFacts } from '@shared/domain/server-facts'
import { NEVER_EXPIRES, TOKEN_STATUS } from '@shared/domain/token-values'
import { formatDateTime } from './format'

// Words for a draft's fields: what the outbox shows as "before → after" and in the conflict choices.

type Translate = (key: string, params?: Record<string, unknown>) => string

export interface FieldChange {
  field: string
  label: string
  before: string
  after: string
}

export function fieldLabel(field: string, t: Translate): string {
  return t(`drafts.field.${field}`)
}

/** One field's value as the user reads it (`userGroup`: the user's own group, when known). */
export function showValue(
  field: MergedField | 'status',
  value: unknown,
  t: Translate,
  locale: string,
  userGroup: string | null = null,
): string {
  if (field === 'expired_time')
    return value === NEVER_EXPIRES ? t('tokens.never') : formatDateTime(Number(value) * 1000, locale)
  if (field === 'unlimited_quota' || field === 'model_limits_enabled' || field === 'cross_group_retry')
    return value ? t('drafts.yes') : t('drafts.no')
  if (field === 'status')
    return value === TOKEN_STATUS.disabled ? t('tokens.status.disabled') : t('tokens.status.enabled')
  if (field === 'group') return groupLabel(String(value ?? ''), userGroup, t, locale)
  if (field === 'allow_ips' || field === 'model_limits' || field === 'auto_groups') {
    const items = String(value ?? '')
      .split(field === 'allow_ips' ? '\n' : ',')
      .filter(Boolean)
    return items.length > 0 ? formatList(items, locale) : t('drafts.none')
  }
  return String(value ?? '') || t('tokens.unnamed')
}

export function showQuotaIntent(
  intent: QuotaIntent,
  facts: ServerFacts,
  t: Translate,
  locale: string,
): string {
  if (intent.mode === 'set') return t('drafts.quotaSet', { amount: formatQuota(intent.value, facts, locale) })
  const amount = formatQuota(Math.abs(intent.delta), facts, locale)
  return t(intent.delta >= 0 ? 'drafts.quotaAdd' : 'drafts.quotaSubtract', { amount })
}

/** Every change a draft makes, against the token as the user saw it. */
export function draftChanges(
  draft: DraftView,
  facts: ServerFacts,
  t: Translate,
  locale: string,
  userGroup: string | null = null,
): FieldChange[] {
  const base: Partial<DraftBase> = draft.base ?? {}
  const rows: FieldChange[] = Object.entries(draft.changes).map(([field, value]) => ({
    field,
    label: fieldLabel(field, t),
    before:
      draft.kind === 'create'
        ? ''
        : showValue(field as MergedField, base[field as MergedField], t, locale, userGroup),
    after: showValue(field as MergedField, value, t, locale, userGroup),
  }))
  if (draft.quota) {
    rows.push({
      field: 'remain_quota',
      label: fieldLabel('remain_quota', t),
      before:
        draft.kind === 'create' || base.remain_quota === undefined
          ? ''
          : base.unlimited_quota
            ? t('tokens.unlimited')
            : formatQuota(base.remain_quota, facts, locale),
      after: showQuotaIntent(draft.quota, facts, t, locale),
    })
  }
  if (draft.wantStatus !== null) {
    rows.push({
      field: 'status',
      label: fieldLabel('status', t),
      before: base.status === undefined ? '' : showValue('status', base.status, t, locale),
      after: showValue('status', draft.wantStatus, t, locale),
    })
  }
  return rows
}
