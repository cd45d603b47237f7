import type { RateLimit } from './rate-limiter'
import type { SandboxMode } from './sandbox-mode'

// What each server generation can do, as data: handlers ask `state.features.x` instead of comparing
// mode names, so adding a generation means adding a row here (dates from docs/newapi-behaviour.md).

export interface ModeFeatures {
  /** Auth middleware generation (§2): 'current' since 2026-07-20, else 'classic'. */
  auth: 'current' | 'classic'
  /** X-New-Api-Version on every response (since 2026-01-30). */
  versionHeader: boolean
  /** Retry-After on 429 answers (since 2026-07-21). */
  retryAfter: boolean
  /** 1-based `p` and `data = {page, page_size, total, items}` (since 2025-06-12); else 0-based bare arrays. */
  pagedLists: boolean
  /** Search is an exact match unless the client adds `%`, paginated (since 2026-02-06); else substring. */
  exactSearch: boolean
  /** The 10/60 s per-user search limiter (arrived with exact search). */
  searchRateLimit: boolean
  /** Keys masked in every response (since 2026-03-08). */
  maskedKeys: boolean
  /** POST /api/token/{id}/key (since 2026-03-08). */
  keyReveal: boolean
  /** POST /api/token/batch/keys (since 2026-04-06). */
  batchKeyReveal: boolean
  /** POST /api/token/batch (since 2025-06-22). */
  batchDelete: boolean
  /** GET /api/token/auto-groups and the per-token `auto_groups` column (since 2026-08-01). */
  autoGroups: boolean
  /** The `cross_group_retry` column (since 2025-12-12). */
  crossGroupRetry: boolean
  /** Longest token name in UTF-8 bytes: 50 since 2025-12-04, 30 before. */
  maxNameBytes: number
  /** Create and update refuse a negative or too large limited quota (since 2025-12-29). */
  quotaRangeChecks: boolean
  /** Create refuses beyond max_user_tokens; the mid-2025 AddToken had no such limit. */
  tokenCountLimit: boolean
  /**
   * GET /api/log/self and /api/log/self/stat. Every generation has them; a sandbox started with
   * `usageLogs: false` plays a build (or a proxy) that hides them, answering 404 like an unknown route.
   */
  usageLogs: boolean
  /** Default global API limit: 360 / 180 s since 2026-06-10, 180 / 180 s before. */
  globalRateLimit: RateLimit
}

const CURRENT: ModeFeatures = {
  auth: 'current',
  versionHeader: true,
  retryAfter: true,
  pagedLists: true,
  exactSearch: true,
  searchRateLimit: true,
  maskedKeys: true,
  keyReveal: true,
  batchKeyReveal: true,
  batchDelete: true,
  autoGroups: true,
  crossGroupRetry: true,
  maxNameBytes: 50,
  quotaRangeChecks: true,
  tokenCountLimit: true,
  usageLogs: true,
  globalRateLimit: { requests: 360, windowSeconds: 180 },
}

export const MODE_FEATURES: Record<SandboxMode, Readonly<ModeFeatures>> = {
  current: CURRENT,
  classic: { ...CURRENT, auth: 'classic', retryAfter: false, autoGroups: false },
  legacy: {
    ...CURRENT,
    auth: 'classic',
    versionHeader: false,
    retryAfter: false,
    pagedLists: false,
    exactSearch: false,
    searchRateLimit: false,
    maskedKeys: false,
    keyReveal: false,
    batchKeyReveal: false,
    batchDelete: false,
    autoGroups: false,
    crossGroupRetry: false,
    maxNameBytes: 30,
    quotaRangeChecks: false,
    tokenCountLimit: false,
    globalRateLimit: { requests: 180, windowSeconds: 180 },
  },
}
