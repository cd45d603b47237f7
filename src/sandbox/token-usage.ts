import { consumeRow } from './relay-call'
import type { SandboxState } from './request-context'
import type { StoredToken } from './stored-token'
import { isExhausted, isExpired, STATUS_ENABLED, STATUS_EXHAUSTED, STATUS_EXPIRED } from './token-rules'

// What the relay does when someone calls the AI API with a token's key (upstream ValidateUserToken,
// then billing): refuse a disabled, expired or exhausted token, else draw quota. Only a server without
// Redis writes the discovered status 3/4 back to the row (docs/newapi-behaviour.md §4) — `statusOnUse`.

export type UseOutcome = 'used' | 'missing' | 'disabled' | 'expired' | 'exhausted'

export interface UsageOptions {
  tokenIds: number[]
  /** Quota drawn from each token per tick (a limited token is drawn down to 0 at most). */
  quotaPerTick: number
  intervalMs: number
}

/** Raw billing: no checks, so unlimited tokens go negative (the `consume` test lever). */
export function drawQuota(state: SandboxState, row: StoredToken, quota: number): void {
  row.remain_quota -= quota
  row.used_quota += quota
  row.accessed_time = Math.floor(Date.now() / 1000)
  state.user.quota -= quota
  state.user.used_quota += quota
  state.user.request_count += 1
}

/** A stored status other than 1 refuses the key outright; 2 and unknown numbers read as disabled. */
function refusalOf(status: number): UseOutcome {
  if (status === STATUS_EXPIRED) return 'expired'
  if (status === STATUS_EXHAUSTED) return 'exhausted'
  return 'disabled'
}

export function useToken(state: SandboxState, id: number, quota: number): UseOutcome {
  const row = state.store.get(id)
  if (!row) return 'missing'
  if (row.status !== STATUS_ENABLED) return refusalOf(row.status)
  const now = Math.floor(Date.now() / 1000)
  if (isExpired(row, now)) {
    if (state.statusOnUse) row.status = STATUS_EXPIRED
    return 'expired'
  }
  if (isExhausted(row)) {
    if (state.statusOnUse) row.status = STATUS_EXHAUSTED
    return 'exhausted'
  }
  // The relay will not start a call the token cannot pay for, so a limited token ends at 0.
  const billed = row.unlimited_quota ? quota : Math.min(quota, row.remain_quota)
  drawQuota(state, row, billed)
  // Billed calls are logged (consume logs on, upstream's default), so the log matches the quota.
  state.usage.append(
    consumeRow({ row, username: state.user.username, quota: billed, at: now, random: state.random }),
  )
  return 'used'
}

/** A background consumer: every tick, one use of each token. Returns its stop function. */
export function startUsage(state: SandboxState, options: UsageOptions): () => void {
  const { tokenIds, quotaPerTick, intervalMs } = options
  if (!Number.isInteger(quotaPerTick) || quotaPerTick < 0)
    throw new Error('sandbox: quotaPerTick must be a non-negative integer')
  if (!(intervalMs >= 1)) throw new Error('sandbox: intervalMs must be at least 1')
  const ids = [...tokenIds]
  return state.lifecycle.every(intervalMs, () => {
    for (const id of ids) useToken(state, id, quotaPerTick)
  })
}
