import type { TokenDeskApi } from '@shared/contract/bridge-api'
import type { ChannelName } from '@shared/contract/channel-names'
import { bucketCalls, usageWindow, type UsageCall } from '@shared/domain/token-usage'
import { ok, type AppErrorData } from '@shared/result'

// The usage call of the fake bridge (fake-api.ts), like main's: it cuts the range into the same
// buckets and counts the calls a test gave each token (newest first), so a component shows numbers
// that add up. `hold()` keeps answers back until released, for loading states.

export interface FakeUsageDeps {
  record: (channel: ChannelName, input: unknown) => AppErrorData | undefined
  /** Calls per token id, any order. */
  calls: Record<number, UsageCall[]>
}

export function createFakeUsage(deps: FakeUsageDeps) {
  const held: { until: Promise<void> | null } = { until: null }
  function hold(): () => void {
    let release = () => {}
    held.until = new Promise<void>((resolve) => (release = resolve))
    return () => {
      held.until = null
      release()
    }
  }
  const api: TokenDeskApi['usage'] = {
    token: async (input) => {
      const f = deps.record('usage.token', input)
      await held.until
      if (f) return { ok: false, error: f }
      const window = usageWindow(input.range, Date.now())
      const mine = (deps.calls[input.tokenId] ?? [])
        .filter((call) => call.at >= window.from && call.at <= window.to)
        .sort((a, b) => b.at - a.at)
      return ok({
        tokenId: input.tokenId,
        range: input.range,
        unit: window.unit,
        from: window.from,
        to: window.to,
        totals: { requests: mine.length, quota: mine.reduce((sum, call) => sum + call.quota, 0) },
        totalsFrom: 'server' as const,
        buckets: bucketCalls(window, mine),
        partialBefore: null,
        recent: structuredClone(mine.slice(0, 20)),
        sharedName: false,
        separated: false,
        requestsSpent: 1,
        fetchedAt: Date.now(),
      })
    },
  }
  return { api, hold }
}
