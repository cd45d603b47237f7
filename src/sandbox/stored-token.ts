import type { ModeFeatures } from './mode-features'

// The server-side token row, as new-api keeps it in its database (docs/newapi-behaviour.md §4). The key is
// stored in plaintext here; every response masks it. A sandbox playing a reseller's fork adds that
// fork's columns to every row (fork-columns.ts); a plain one has none.

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
  /** A Go `*string` upstream, stored as sent: null after a full update that omitted it. */
  allow_ips: string | null
  group: string
  /** Only on current servers (since 2026-08-01); null when empty, as the answers send it. */
  auto_groups?: string[] | null
  /** Absent on legacy servers (since 2025-12-12). */
  cross_group_retry?: boolean
  [forkField: string]: unknown
}

/**
 * Keys are masked in every response since 2026-03-08 (model.MaskTokenKey): first 4 + ten stars + last 4;
 * short keys (never made by the server itself) keep 2 + 4 stars + 2, or only stars.
 */
export function maskKey(key: string): string {
  if (key.length <= 4) return '*'.repeat(key.length)
  if (key.length <= 8) return `${key.slice(0, 2)}****${key.slice(-2)}`
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
