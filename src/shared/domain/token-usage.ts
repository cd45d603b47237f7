import { z } from 'zod'

// What the usage view of one token shows, as it crosses the bridge: totals for a range, a series for the
// chart, and the most recent calls — read from the server's own usage log (GET /api/log/self and
// /api/log/self/stat, docs in the gateway's usage-logs.ts). Times are unix seconds.

export const USAGE_RANGES = ['24h', '7d', '30d'] as const
export type UsageRange = (typeof USAGE_RANGES)[number]

export const usageCallSchema = z.object({
  at: z.number().int(),
  model: z.string(),
  quota: z.number(),
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  stream: z.boolean(),
  /** Whole seconds the call took, as the server logged it. */
  seconds: z.number().int().nonnegative(),
})

export type UsageCall = z.infer<typeof usageCallSchema>

export const usageBucketSchema = z.object({
  /** Where the bucket begins (an hour or a local midnight). */
  start: z.number().int(),
  requests: z.number().int().nonnegative(),
  quota: z.number(),
})

export type UsageBucket = z.infer<typeof usageBucketSchema>

export const tokenUsageSchema = z.object({
  tokenId: z.number().int().positive(),
  range: z.enum(USAGE_RANGES),
  unit: z.enum(['hour', 'day']),
  /** The range asked for: the first bucket's start up to the moment of reading. */
  from: z.number().int(),
  to: z.number().int(),
  totals: z.object({ requests: z.number().int().nonnegative(), quota: z.number() }),
  /**
   * 'server': counted by the server for the whole range, exact whatever the series holds. 'read': summed
   * from the calls read (the name is shared with another token, so the server's counts would mix them).
   */
  totalsFrom: z.enum(['server', 'read']),
  /** Oldest first, one per hour (24 h) or local day (7 d, 30 d). */
  buckets: z.array(usageBucketSchema),
  /**
   * Null when the series holds every call of the range; else the time of the oldest call read — buckets
   * before it are incomplete (only the newest pages are read, to spare the server's rate limit).
   */
  partialBefore: z.number().int().nullable(),
  /** Newest first. */
  recent: z.array(usageCallSchema),
  /** Another token has this name (names are not unique; the log is asked by name). */
  sharedName: z.boolean(),
  /** With a shared name: whether the server's rows said which token made each call (token_id). */
  separated: z.boolean(),
  /** Requests this answer cost the server (0 when it came from memory). */
  requestsSpent: z.number().int().nonnegative(),
  /** Unix milliseconds when it was read from the server. */
  fetchedAt: z.number().int(),
})

export type TokenUsage = z.infer<typeof tokenUsageSchema>

export const tokenUsageInputSchema = z.object({
  profileId: z.string().min(1),
  tokenId: z.number().int().positive(),
  /** The name the server's log files calls under (it has no token id filter). */
  tokenName: z.string().max(200),
  range: z.enum(USAGE_RANGES),
  /** true: read again even if a recent answer is kept (the user's "Refresh"). */
  fresh: z.boolean().optional(),
})

export type TokenUsageInput = z.infer<typeof tokenUsageInputSchema>

export interface UsageWindow {
  unit: 'hour' | 'day'
  /** Bucket starts, oldest first; `from` is the first. */
  starts: number[]
  from: number
  to: number
}

const BUCKETS: Record<UsageRange, { unit: 'hour' | 'day'; count: number }> = {
  '24h': { unit: 'hour', count: 24 },
  '7d': { unit: 'day', count: 7 },
  '30d': { unit: 'day', count: 30 },
}

/**
 * The buckets of a range ending now: the last 24 whole hours (this one included), or the last 7 / 30
 * local days (today included). Days start at local midnight — the reader's calendar, also across a
 * daylight-saving change (a day of 23 or 25 hours).
 */
export function usageWindow(range: UsageRange, nowMs: number): UsageWindow {
  const { unit, count } = BUCKETS[range]
  const starts: number[] = []
  for (let back = count - 1; back >= 0; back -= 1) {
    const at = new Date(nowMs)
    if (unit === 'hour') {
      at.setMinutes(0, 0, 0)
      at.setTime(at.getTime() - back * 3_600_000)
    } else {
      at.setHours(0, 0, 0, 0)
      at.setDate(at.getDate() - back)
    }
    starts.push(Math.floor(at.getTime() / 1000))
  }
  return { unit, starts, from: starts[0] ?? 0, to: Math.floor(nowMs / 1000) }
}

/** Counts calls into the window's buckets (calls outside it are ignored). */
export function bucketCalls(
  window: UsageWindow,
  calls: readonly Pick<UsageCall, 'at' | 'quota'>[],
): UsageBucket[] {
  const buckets = window.starts.map((start) => ({ start, requests: 0, quota: 0 }))
  for (const call of calls) {
    if (call.at < window.from || call.at > window.to) continue
    // The last bucket starting at or before the call.
    let low = 0
    let high = buckets.length - 1
    while (low < high) {
      const mid = Math.ceil((low + high) / 2)
      if ((buckets[mid]?.start ?? Infinity) <= call.at) low = mid
      else high = mid - 1
    }
    const bucket = buckets[low]
    if (!bucket) continue
    bucket.requests += 1
    bucket.quota += call.quota
  }
  return buckets
}
