import type { ForkColumns } from './fork-columns'
import { fitsGoType, goTypeError, goValue, goZero, jsonKind, parseJsonExactly, type GoType } from './go-json'
import type { ModeFeatures } from './mode-features'

// Imitates Go's `c.ShouldBindJSON(&request)` into a *fresh* struct: that is why a full update turns
// every omitted field into its zero value (docs/newapi-behaviour.md §6.2), and why a field the struct does
// not have is dropped without a word (§4). JSON null leaves the zero value; field names match without
// regard to case, as encoding/json matches them; a value of the wrong type fails the whole request with
// Go's own error text, naming the first such field in body order.
//
// Since 2026-08-01 (auto groups) the handlers bind into `tokenRequest` — model.Token embedded plus an
// `auto_groups` field with its own UnmarshalJSON that notes whether the field was present at all
// (controller/token.go) — so type errors name `tokenRequest.<field>`; before, they bound model.Token.
// An error from that UnmarshalJSON stops the decoder at once (it is not kept for the end like a type
// mismatch), and the decoder still adds the field's place to it.

const MODEL_COLUMNS: Record<string, GoType> = {
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

export interface BoundAutoGroups {
  /** Whether the body carried `auto_groups` at all (null and [] count: both clear the list). */
  set: boolean
  groups: string[] | null
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
  /** false where the mode has no such column. */
  cross_group_retry: boolean
  /** Only read where the mode has auto groups. */
  auto_groups: BoundAutoGroups
  /** The fork's own columns (zero values for the ones the body left out); empty on plain new-api. */
  fork: Record<string, unknown>
}

export type BindResult = { ok: true; token: BoundToken } | { ok: false; message: string }

/** encoding/json matches a key to a field name without regard to case, folding ſ to s as Go does. */
const foldName = (name: string) => name.toLowerCase().replaceAll('ſ', 's')

function columnsOf(features: ModeFeatures, fork: ForkColumns): Record<string, GoType> {
  const columns: Record<string, GoType> = { ...MODEL_COLUMNS }
  if (features.crossGroupRetry) columns.cross_group_retry = 'bool'
  for (const [name, column] of Object.entries(fork)) columns[name] = column.type
  return columns
}

/** `raw` is the request body text; `parsed` its JSON value (undefined when it is not valid JSON). */
export function bindTokenBody(
  raw: string,
  parsed: unknown,
  features: ModeFeatures,
  fork: ForkColumns,
): BindResult {
  // Gin reports an empty body as io.EOF and broken JSON with the decoder's message.
  if (raw.trim() === '') return { ok: false, message: 'EOF' }
  if (parsed === undefined) return { ok: false, message: 'invalid character in JSON request body' }
  const structName = features.autoGroups ? 'tokenRequest' : 'Token'
  const body = parseJsonExactly(raw, parsed)
  if (body !== null && jsonKind(body) !== 'object') {
    const target = features.autoGroups ? 'controller.tokenRequest' : 'model.Token'
    return { ok: false, message: `json: cannot unmarshal ${jsonKind(body)} into Go value of type ${target}` }
  }
  const columns = columnsOf(features, fork)
  const names = Object.keys(columns)
  const values: Record<string, unknown> = {}
  const autoGroups: BoundAutoGroups = { set: false, groups: null }
  let firstError: string | null = null
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (features.autoGroups && foldName(key) === 'auto_groups') {
      if (!fitsGoType(value, '[]string'))
        return { ok: false, message: goTypeError(structName, 'auto_groups', value, '[]string') }
      autoGroups.set = true
      autoGroups.groups = goValue(value, '[]string') as string[] | null
      continue
    }
    const field = names.find((name) => name === key) ?? names.find((name) => foldName(name) === foldName(key))
    if (field === undefined) continue // not a column of this server: dropped
    const type = columns[field] as GoType
    if (!fitsGoType(value, type)) {
      // encoding/json keeps decoding after a type mismatch and reports the first one at the end.
      firstError ??= goTypeError(structName, field, value, type)
      continue
    }
    values[field] = goValue(value, type)
  }
  if (firstError) return { ok: false, message: firstError }
  const pick = <T>(field: string): T => (values[field] ?? goZero(columns[field] as GoType)) as T
  const forkValues: Record<string, unknown> = {}
  for (const name of Object.keys(fork)) forkValues[name] = structuredClone(pick(name))
  return {
    ok: true,
    token: {
      id: pick('id'),
      status: pick('status'),
      name: pick('name'),
      expired_time: pick('expired_time'),
      remain_quota: pick('remain_quota'),
      unlimited_quota: pick('unlimited_quota'),
      model_limits_enabled: pick('model_limits_enabled'),
      model_limits: pick('model_limits'),
      allow_ips: pick('allow_ips'),
      group: pick('group'),
      cross_group_retry: features.crossGroupRetry ? pick('cross_group_retry') : false,
      auto_groups: autoGroups,
      fork: forkValues,
    },
  }
}
