import type { ModeFeatures } from './mode-features'

// The server-side token row, as new-api keeps it in its database (newapi-behaviour.md §4). The key is
// stored in plaintext here; every response masks it. Forks add their own columns (AnyAPI's
// selected_groups, the Midjourney fields), so a row carries arbitrary extra fields too.

export interface StoredToken {
  id: number
  user_id: number
  /** 48 characters, without the `sk-` prefix the UIs show. */
  key: string
  /** 1 enabled, 2 disabled, 3 expired, 4 exhausted — only ever changed by use or by a status-only PUT. */
  status: number
  name: string
  created_time: number
  accessed_time: number
  /** Unix seconds; -1 = never. */
  expired_time: number
  remain_quota: number
  unlimited_quota: boolean
  used_quota: number
  model_limits_enabled: boolean
  model_limits: string
  /** A Go `*string` upstream: null after a full update that omitted it. */
  allow_ips: string | null
  group: string
  /** Only on current servers (since 2026-08-01). */
  auto_groups?: string[] | null
  /** Absent on legacy servers (since 2025-12-12). */
  cross_group_retry?: boolean
  [forkField: string]: unknown
}

/**
 * Columns every generation of upstream's `model.Token` has; anything else on a row or in a body is a
 * fork field, except the newer columns a mode has (see isModelField).
 */
export const MODEL_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'user_id',
  'key',
  'status',
  'name',
  'created_time',
  'accessed_time',
  'expired_time',
  'remain_quota',
  'unlimited_quota',
  'model_limits_enabled',
  'model_limits',
  'allow_ips',
  'used_quota',
  'group',
  // gorm's soft-delete column has no json tag, so Go serialises it under its Go name.
  'DeletedAt',
])

/** Fields the server knows in this mode; `auto_groups` is a fork field to a classic server. */
export function isModelField(field: string, features: ModeFeatures): boolean {
  if (field === 'auto_groups') return features.autoGroups
  if (field === 'cross_group_retry') return features.crossGroupRetry
  return MODEL_FIELDS.has(field)
}

/** Keys are masked in every response since 2026-03-08: first 4 + ten stars + last 4. */
export function maskKey(key: string): string {
  if (key.length <= 8) return '**********'
  return `${key.slice(0, 4)}**********${key.slice(-4)}`
}

export function cloneToken(row: StoredToken): StoredToken {
  return structuredClone(row)
}

/**
 * What the API sends for a row: a copy with the key masked (legacy servers send it in plaintext).
 * `DeletedAt: null` is there because the real server serialises gorm's soft-delete column too; clients
 * must tolerate (and may echo) it.
 */
export function publicToken(row: StoredToken, features: ModeFeatures): Record<string, unknown> {
  const key = features.maskedKeys ? maskKey(row.key) : row.key
  return { ...cloneToken(row), key, DeletedAt: null }
}
