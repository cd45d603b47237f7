import { consumeRow, pickModel, priceOf } from './relay-call'
import type { SandboxState } from './request-context'
import { seededRandom } from './seeded-random'
import type { NewLogRow } from './usage-log'

// A believable past for busy tokens: log rows over the last `days` days, as if the relay had billed
// them — more calls on working days and during working hours (UTC), each day a little different, quota
// per call typical of its model. Deterministic: the same tokens, options and "now" give the same rows,
// so screenshots and tests can rely on them. Token rows are not touched: their used_quota already
// stands for this past.

const DAY = 86_400
const HOUR = 3_600
const HISTORY_SEED = 0x5eed_1065

/** Relative call volume per UTC hour: quiet nights, busy working hours. */
const HOUR_WEIGHT = [
  0.15, 0.1, 0.1, 0.1, 0.15, 0.25, 0.4, 0.6, 0.85, 1, 1, 0.95, 0.8, 0.9, 1, 1, 0.95, 0.85, 0.7, 0.55, 0.45,
  0.35, 0.25, 0.2,
]

export interface UsageHistoryOptions {
  tokenIds: readonly number[]
  /** How far back; default 30. */
  days?: number
  /** Average calls on a working day, per token; default 30. */
  callsPerDay?: number
}

export function pastCalls(
  state: SandboxState,
  options: UsageHistoryOptions,
  nowSeconds: number,
): NewLogRow[] {
  const days = options.days ?? 30
  const perDay = options.callsPerDay ?? 30
  if (!Number.isInteger(days) || days < 1) throw new Error('sandbox: history days must be a positive integer')
  if (!(perDay >= 0)) throw new Error('sandbox: callsPerDay must be non-negative')
  const rows: NewLogRow[] = []
  for (const id of options.tokenIds) {
    const row = state.store.get(id)
    if (!row) throw new Error(`sandbox: no token with id ${id}`)
    const random = seededRandom(HISTORY_SEED + id)
    for (let day = 0; day < days; day += 1) {
      const windowEnd = nowSeconds - day * DAY
      // Two days in seven are quiet, like a weekend.
      const quiet = day % 7 === 2 || day % 7 === 3
      const count = Math.round(perDay * (quiet ? 0.35 : 1) * (0.6 + 0.8 * random()))
      for (let call = 0; call < count; call += 1) {
        const at = callTime(windowEnd - DAY, random)
        // Never in the future nor in the last minute: live usage owns "now".
        if (at > nowSeconds - 60) continue
        const model = pickModel(row, random)
        const quota = Math.max(1, Math.round(priceOf(model).typicalQuota * (0.3 + 1.7 * random())))
        rows.push(consumeRow({ row, username: state.user.username, quota, at, random, model }))
      }
    }
  }
  return rows
}

/** A second within the day after `start`, more likely in busy hours (rejection sampling). */
function callTime(start: number, random: () => number): number {
  for (;;) {
    const at = start + Math.floor(random() * DAY)
    const hour = Math.floor((at % DAY) / HOUR)
    if (random() < (HOUR_WEIGHT[hour] ?? 0.5)) return at
  }
}
