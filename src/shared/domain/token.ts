import { z } from 'zod'

// The token object as a new-api server sends it (docs/newapi-behaviour.md §4). Parsed tolerantly: unknown
// (fork) fields are kept so that a full update can pass them back unchanged.

export const TOKEN_STATUS = { enabled: 1, disabled: 2, expired: 3, exhausted: 4 } as const

export const tokenSchema = z.looseObject({
  id: z.number().int(),
  user_id: z.number().int().optional(),
  key: z.string().default(''),
  status: z.number().int(),
  name: z.string().default(''),
  created_time: z.number().int().default(0),
  accessed_time: z.number().int().default(0),
  expired_time: z.number().int(),
  remain_quota: z.number().int(),
  unlimited_quota: z.boolean(),
  used_quota: z.number().int().default(0),
  model_limits_enabled: z.boolean().default(false),
  model_limits: z.string().nullable().default(''),
  allow_ips: z.string().nullable().default(''),
  group: z.string().nullable().default(''),
})

export type Token = z.infer<typeof tokenSchema>

/** The eight fields the user's document (`PUT /api/token/`) names. */
export const EDITABLE_FIELDS = [
  'name',
  'remain_quota',
  'expired_time',
  'unlimited_quota',
  'model_limits_enabled',
  'model_limits',
  'allow_ips',
  'group',
] as const

export type EditableField = (typeof EDITABLE_FIELDS)[number]

export interface TokenEditable {
  name: string
  remain_quota: number
  expired_time: number
  unlimited_quota: boolean
  model_limits_enabled: boolean
  model_limits: string
  allow_ips: string
  group: string
}

/** Fields other than quota that an edit may change; quota travels as an intent (see quota-intent). */
export type TokenChanges = Partial<Omit<TokenEditable, 'remain_quota'>>

export const NEVER_EXPIRES = -1

/** Anything carrying the editable fields: a token from the server, or the draft's view of one. */
export type WithEditableFields = Omit<TokenEditable, 'model_limits' | 'allow_ips' | 'group'> & {
  model_limits?: string | null
  allow_ips?: string | null
  group?: string | null
}

/** The eight editable fields, nulls read as the empty string the server means by them. */
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
  }
}
