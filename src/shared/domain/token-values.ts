import type { TokenDocument, TokenEditable } from './token'

// What a token's values mean and the helpers over them, without a schema: the first screen (the token
// table) uses these, and importing the schemas (token.ts) would bring zod into it. token.ts re-exports
// everything here.

export const TOKEN_STATUS = { enabled: 1, disabled: 2, expired: 3, exhausted: 4 } as const

/** The group that means "fall back across groups in order": it cannot be combined with others. */
export const AUTO_GROUP = 'auto'

export const NEVER_EXPIRES = -1

/**
 * What a new token starts from: unlimited, never expiring, no restrictions. The editor opens a create on
 * it, and a create is checked as a change of every field from it (so a limited one needs its amount).
 */
export const NEW_TOKEN_FIELDS: TokenEditable = {
  name: '',
  remain_quota: 0,
  expired_time: NEVER_EXPIRES,
  unlimited_quota: true,
  model_limits_enabled: false,
  model_limits: '',
  allow_ips: '',
  group: '',
  cross_group_retry: false,
  auto_groups: '',
}

/** Anything carrying the editable fields: a token from the server, or the draft's view of one. */
export type WithEditableFields = Omit<
  TokenEditable,
  'model_limits' | 'allow_ips' | 'group' | 'cross_group_retry' | 'auto_groups'
> & {
  model_limits?: string | null
  allow_ips?: string | null
  group?: string | null
  /** Missing on servers before 2025-12-12. */
  cross_group_retry?: unknown
  /** The server's list (or null); a draft's comma-joined text. Missing before 2026-08-01. */
  auto_groups?: unknown
}

/** The Auto order as TokenDesk keeps it: the server's list (or null), or already comma-joined text. */
export function autoGroupsText(value: unknown): string {
  if (Array.isArray(value)) return value.filter((name) => typeof name === 'string' && name !== '').join(',')
  return typeof value === 'string' ? value : ''
}

/** The editable fields, nulls read as the empty string (or false) the server means by them. */
export function editableOf(token: WithEditableFields): TokenEditable {
  return {
    name: token.name,
    remain_quota: token.remain_quota,
    expired_time: token.expired_time,
    unlimited_quota: token.unlimited_quota,
    model_limits_enabled: token.model_limits_enabled,
    model_limits: token.model_limits ?? '',
    allow_ips: token.allow_ips ?? '',
    group: token.group ?? '',
    cross_group_retry: token.cross_group_retry === true,
    auto_groups: autoGroupsText(token.auto_groups),
  }
}

/** The document's eight fields of a token: what a status-only update carries (no list to re-validate). */
export function documentFieldsOf(token: WithEditableFields): TokenDocument {
  const { cross_group_retry: _retry, auto_groups: _order, ...document } = editableOf(token)
  return document
}
