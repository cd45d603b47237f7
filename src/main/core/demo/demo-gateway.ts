import { startSandbox, type SandboxGateway, type StoredToken } from '../../../sandbox/index'

// The demo server itself: the sandbox gateway (the same new-api look-alike the tests use), started inside
// the main process. It plays the AnyAPI fork so the fork's columns show and survive edits, seeds the
// realistic demo list, and keeps a few tokens busy so the quota moves while someone looks — the thing
// that makes "quota used meanwhile is not handed back" visible. Those tokens also get a month of past
// calls in the server's usage log, so their usage view has a history to show from the first minute. Loopback and port 0 only: nothing outside
// this machine can reach it, and it never collides with a server the user runs.

/** How many of the busiest tokens keep being used, and how hard (quota units per tick; $1 = 500 000). */
const BUSY_TOKENS = 3
const USAGE: readonly { quotaPerTick: number; intervalMs: number }[] = [
  { quotaPerTick: 12_500, intervalMs: 2_000 },
  { quotaPerTick: 3_000, intervalMs: 3_000 },
  { quotaPerTick: 40_000, intervalMs: 5_000 },
]
/** Past calls per working day of each busy token (most used first), over the last 30 days. */
const HISTORY_CALLS_PER_DAY = [36, 22, 12]

export async function startDemoGateway(): Promise<SandboxGateway> {
  const gateway = await startSandbox({ seed: 'demo', fork: 'anyapi', mode: 'current', port: 0 })
  try {
    busiest(gateway.control.tokens()).forEach((token, index) => {
      // The past first: the log keeps its rows in time order.
      const callsPerDay = HISTORY_CALLS_PER_DAY[index] ?? 10
      gateway.control.seedUsageHistory({ tokenIds: [token.id], days: 30, callsPerDay })
      const pace = USAGE[index % USAGE.length] ?? { quotaPerTick: 1_000, intervalMs: 3_000 }
      gateway.control.startUsage({ tokenIds: [token.id], ...pace })
    })
  } catch (error) {
    await gateway.close()
    throw error
  }
  return gateway
}

/**
 * The tokens a real customer would be using right now: enabled, not expired, with quota left for a long
 * demo, most used first. Chosen from the rows rather than by name, so the seed can change freely.
 */
function busiest(tokens: StoredToken[]): StoredToken[] {
  const now = Math.floor(Date.now() / 1000)
  return tokens
    .filter((token) => token.status === 1)
    .filter((token) => token.expired_time === -1 || token.expired_time > now + 86_400)
    .filter((token) => token.unlimited_quota || token.remain_quota >= 50_000_000)
    .sort((a, b) => b.used_quota - a.used_quota)
    .slice(0, BUSY_TOKENS)
}
