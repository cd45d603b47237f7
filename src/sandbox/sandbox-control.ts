import type { RecordedRequest } from './request-log'
import type { SandboxState } from './request-context'
import type { SandboxUser } from './sandbox-user'
import { cloneToken, type StoredToken } from './stored-token'

// In-process levers for tests: read the raw rows (unmasked keys, fork fields), simulate usage the way
// the relay does, and script the conditions a client must survive (concurrent edits, a banned user).

export interface SandboxControl {
  /** Deep copies of every stored row, ascending id. */
  tokens(): StoredToken[]
  token(id: number): StoredToken | undefined
  /** Simulated API usage with the key: remain_quota -= quota, used_quota += quota, accessed_time = now. */
  consume(id: number, quota: number): void
  requests(): RecordedRequest[]
  clearRequests(): void
  /** Change fields of a row as if someone else (the web UI) had saved it. */
  patchToken(id: number, patch: Partial<StoredToken>): StoredToken
  /** Ban the user (status 2) or lower its role (0) to reach those auth failures. */
  setUser(patch: { status?: number; role?: number }): SandboxUser
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
    consume: (id, quota) => {
      const row = liveRow(state, id)
      // Usage is not enforced here: an unlimited token's remain_quota goes negative, as on a real server.
      // The stored status is left alone, like a server running with Redis.
      row.remain_quota -= quota
      row.used_quota += quota
      row.accessed_time = Math.floor(Date.now() / 1000)
      state.user.quota -= quota
      state.user.used_quota += quota
      state.user.request_count += 1
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
  }
}
