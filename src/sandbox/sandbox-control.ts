import type { DisplayType } from './sandbox-settings'
import type { FaultOptions, SandboxFault } from './faults'
import type { RecordedRequest } from './request-log'
import type { SandboxState } from './request-context'
import type { SandboxUser } from './sandbox-user'
import { cloneToken, type StoredToken } from './stored-token'
import { drawQuota, startUsage, useToken, type UsageOptions, type UseOutcome } from './token-usage'
import { pastCalls, type UsageHistoryOptions } from './usage-history'
import type { LogRow } from './usage-log'

// In-process levers for tests: read the raw rows (unmasked keys, fork fields), simulate usage the way
// the relay does, and script the conditions a client must survive (concurrent edits, a banned user,
// broken proxies, slow links).

export interface SandboxControl {
  /** Deep copies of every stored row, ascending id. */
  tokens(): StoredToken[]
  token(id: number): StoredToken | undefined
  /** Deep copies of soft-deleted rows, ascending id. */
  deletedTokens(): StoredToken[]
  /** Simulated API usage with the key: remain_quota -= quota, used_quota += quota, accessed_time = now. */
  consume(id: number, quota: number): void
  /**
   * One realistic use of the key, as the relay validates it: refused when disabled, expired or
   * exhausted (then, with markStatusOnUse, the row's status becomes 3/4), else quota is drawn.
   */
  use(id: number, quota: number): UseOutcome
  /** A background consumer calling use() on each token every interval; returns its stop function. */
  startUsage(options: UsageOptions): () => void
  /** Stops every consumer startUsage() started (close() does too). */
  stopUsage(): void
  /**
   * Writes a believable past to the usage log for these tokens (usage-history.ts): deterministic for the
   * same tokens, options and second. Returns how many rows were added.
   */
  seedUsageHistory(options: UsageHistoryOptions): number
  /** Every row of the usage log, oldest first, with real ids (the API shows them modulo 1024). */
  usageLog(): LogRow[]
  /** true: behave like a server without Redis, storing status 3/4 when a use finds them. Default false. */
  markStatusOnUse(enabled: boolean): void
  requests(): RecordedRequest[]
  clearRequests(): void
  /** Change fields of a row as if someone else (the web UI) had saved it. */
  patchToken(id: number, patch: Partial<StoredToken>): StoredToken
  /** Ban the user (status 2) or lower its role (0) to reach those auth failures. */
  setUser(patch: { status?: number; role?: number }): SandboxUser
  /** Queue a fault for the next matching client request(s). */
  injectFault(fault: SandboxFault, options?: FaultOptions): void
  clearFaults(): void
  /** How many requests the queued faults will still answer. */
  pendingFaults(): number
  /** Milliseconds added before every client answer. */
  setLatency(ms: number): void
  /** The admin switches how quota is shown (`quota_display_type` in /api/status). */
  setDisplayType(type: DisplayType): void
}

function liveRow(state: SandboxState, id: number): StoredToken {
  const row = state.store.get(id)
  if (!row) throw new Error(`sandbox: no token with id ${id}`)
  return row
}

export function createControl(state: SandboxState): SandboxControl {
  return {
    tokens: () => state.store.snapshot(),
    token: (id) => {
      const row = state.store.get(id)
      return row ? cloneToken(row) : undefined
    },
    deletedTokens: () => state.store.deletedSnapshot(),
    // Usage is not enforced here: an unlimited token's remain_quota goes negative, as on a real server.
    // The stored status is left alone whatever markStatusOnUse says: this is a raw lever, not a use.
    consume: (id, quota) => drawQuota(state, liveRow(state, id), quota),
    use: (id, quota) => useToken(state, id, quota),
    startUsage: (options) => startUsage(state, options),
    stopUsage: () => state.lifecycle.stopIntervals(),
    seedUsageHistory: (options) => {
      const rows = pastCalls(state, options, Math.floor(Date.now() / 1000))
      state.usage.insertPast(rows)
      return rows.length
    },
    usageLog: () => state.usage.all(),
    markStatusOnUse: (enabled) => {
      state.statusOnUse = enabled
    },
    requests: () => state.log.all(),
    clearRequests: () => state.log.clear(),
    patchToken: (id, patch) => {
      const row = liveRow(state, id)
      Object.assign(row, structuredClone(patch), { id: row.id })
      return cloneToken(row)
    },
    setUser: (patch) => {
      if (patch.status !== undefined) state.user.status = patch.status
      if (patch.role !== undefined) state.user.role = patch.role
      return { ...state.user }
    },
    injectFault: (fault, options) => state.faults.add(fault, options),
    clearFaults: () => state.faults.clear(),
    pendingFaults: () => state.faults.pending(),
    setDisplayType: (type) => {
      state.displayType = type
    },
    setLatency: (ms) => {
      if (!(ms >= 0)) throw new Error('sandbox: latency must be a non-negative number of milliseconds')
      state.latencyMs = ms
    },
  }
}
