import type { ModeFeatures } from './mode-features'

// Imitates Go's `c.ShouldBindJSON(&token)` into a *fresh* model.Token: that is why a full update turns
// every omitted field into its zero value (newapi-behaviour.md §6.2). JSON null leaves the zero value
// too, except for the pointer field allow_ips, which stays nil. A value of the wrong type fails the
// whole request with Go's own error text.

type GoType = 'int' | 'int64' | 'string' | 'bool' | '*string' | '[]string'

const GO_FIELDS: Record<string, GoType> = {
  id: 'int',
  user_id: 'int',
  key: 'string',
  status: 'int',
  name: 'string',
  created_time: 'int64',
  accessed_time: 'int64',
  expired_time: 'int64',
  remain_quota: 'int',
  unlimited_quota: 'bool',
  model_limits_enabled: 'bool',
  model_limits: 'string',
  allow_ips: '*string',
  used_quota: 'int',
  group: 'string',
}

export interface BoundToken {
  id: number
  status: number
  name: string
  expired_time: number
  remain_quota: number
  unlimited_quota: boolean
  model_limits_enabled: boolean
  model_limits: string
  allow_ips: string | null
  group: string
  /** Ignored where the mode has no such column. */
  cross_group_retry: boolean
  /** undefined = absent from the body (kept); null = cleared. Modes with auto groups only. */
  auto_groups: string[] | null | undefined
}

export type BindResult =
  { ok: true; token: BoundToken; body: Record<string, unknown> } | { ok: false; message: string }

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'boolean') return 'bool'
  if (typeof value === 'number') return `number ${value}`
  return typeof value
}

function fits(value: unknown, type: GoType): boolean {
  if (value === null) return true
  switch (type) {
    case 'int':
    case 'int64':
      return typeof value === 'number' && Number.isInteger(value)
    case 'string':
    case '*string':
      return typeof value === 'string'
    case 'bool':
      return typeof value === 'boolean'
    case '[]string':
      return Array.isArray(value) && value.every((item) => typeof item === 'string')
  }
}

function typeError(field: string, value: unknown, type: GoType): string {
  const kind = typeof value === 'number' ? jsonKind(value) : jsonKind(value).split(' ')[0]
  return `json: cannot unmarshal ${kind} into Go struct field Token.${field} of type ${type}`
}

/** `raw` is the request body text; `parsed` its JSON value (undefined when it is not valid JSON). */
export function bindTokenBody(raw: string, parsed: unknown, features: ModeFeatures): BindResult {
  // Gin reports an empty body as io.EOF and broken JSON with the decoder's message.
  if (raw.trim() === '') return { ok: false, message: 'EOF' }
  if (parsed === undefined) return { ok: false, message: 'invalid character in JSON request body' }
  if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) {
    return {
      ok: false,
      message: `json: cannot unmarshal ${jsonKind(parsed).split(' ')[0]} into Go value of type model.Token`,
    }
  }
  const body = (parsed ?? {}) as Record<string, unknown>
  // Newer columns are typed only where the mode has them; elsewhere they are fork fields.
  const fields: Record<string, GoType> = { ...GO_FIELDS }
  if (features.crossGroupRetry) fields.cross_group_retry = 'bool'
  if (features.autoGroups) fields.auto_groups = '[]string'
  for (const [field, type] of Object.entries(fields)) {
    if (field in body && !fits(body[field], type))
      return { ok: false, message: typeError(field, body[field], type) }
  }
  const pick = <T>(field: string, zero: T): T => (body[field] ?? zero) as T
  return {
    ok: true,
    body,
    token: {
      id: pick('id', 0),
      status: pick('status', 0),
      name: pick('name', ''),
      expired_time: pick('expired_time', 0),
      remain_quota: pick('remain_quota', 0),
      unlimited_quota: pick('unlimited_quota', false),
      model_limits_enabled: pick('model_limits_enabled', false),
      model_limits: pick('model_limits', ''),
      allow_ips: pick<string | null>('allow_ips', null),
      group: pick('group', ''),
      cross_group_retry: pick('cross_group_retry', false),
      auto_groups:
        features.autoGroups && 'auto_groups' in body ? (body.auto_groups as string[] | null) : undefined,
    },
  }
}
