import type { Draft } from '@shared/domain/draft'
import type { ServerReach } from '@shared/domain/server-state'

// One loop per server that sends its queued drafts (after Replicache's connection loop): a kick is
// debounced, a few drafts are in flight at once (each through the server's pacer, which keeps every read
// paired with its write), a token's drafts go strictly in the order they were made, and a draft that met
// a passing failure waits until its `retryAt`. Nothing is sent while the server is offline or refuses
// the credentials: the loop resumes when connectivity says the server is back. With automatic sync
// switched off, only drafts the user asked for are sent.

/** Drafts of different tokens in flight at once. */
export const SYNC_CONCURRENCY = 3
const DEBOUNCE_MS = 25

export interface SyncLoopDeps {
  drafts: () => Promise<Draft[]>
  isSyncing: (draftId: string) => boolean
  /** Sends one draft and records its result; never rejects. */
  sync: (draft: Draft) => Promise<void>
  reach: () => ServerReach
  autoSync: () => boolean
  now: () => number
  concurrency?: number
}

/** Drafts that may be sent now: queued, due, and first in line for their token. */
export function runnableDrafts(drafts: readonly Draft[], now: number): Draft[] {
  const ordered = [...drafts].sort((a, b) => a.seq - b.seq)
  const blocked = new Set<number>()
  const runnable: Draft[] = []
  for (const draft of ordered) {
    // A kept draft is not in line yet; every other one holds back the later drafts of its token.
    if (draft.state === 'held') continue
    const token = draft.tokenId
    const first = token === null || !blocked.has(token)
    if (token !== null) blocked.add(token)
    if (first && draft.state === 'pending' && (draft.retryAt ?? 0) <= now) runnable.push(draft)
  }
  return runnable
}

export class SyncLoop {
  private readonly running = new Map<string, Promise<void>>()
  /** Drafts the user asked to send now (they go even with automatic sync off). */
  private readonly requested = new Set<string>()
  private timer: ReturnType<typeof setTimeout> | null = null
  private dueAt = Infinity
  private passes: Promise<void> = Promise.resolve()
  private closed = false

  constructor(private readonly deps: SyncLoopDeps) {}

  get active(): boolean {
    return this.running.size > 0
  }

  /** Looks for work after `delayMs` (an earlier kick wins). */
  kick(delayMs = DEBOUNCE_MS): void {
    if (this.closed) return
    const at = this.deps.now() + delayMs
    if (this.timer && at >= this.dueAt) return
    if (this.timer) clearTimeout(this.timer)
    this.dueAt = at
    this.timer = setTimeout(
      () => {
        this.timer = null
        this.dueAt = Infinity
        void this.pass()
      },
      Math.max(0, delayMs),
    )
    this.timer.unref?.()
  }

  /** Sends these drafts as soon as they are first in line, even with automatic sync off. */
  request(draftIds: Iterable<string>): void {
    for (const id of draftIds) this.requested.add(id)
  }

  /** Runs a pass now; resolves when the draft (if it could start) has been sent. */
  async sendNow(draftId: string): Promise<'sent' | 'waiting'> {
    this.requested.add(draftId)
    await this.pass()
    const running = this.running.get(draftId)
    if (!running) return 'waiting'
    await running
    return 'sent'
  }

  close(): void {
    this.closed = true
    if (this.timer) clearTimeout(this.timer)
  }

  /** Waits for every draft in flight (shutdown). */
  async settled(): Promise<void> {
    await this.passes
    await Promise.all(this.running.values())
  }

  private pass(): Promise<void> {
    this.passes = this.passes.then(() => this.startDue()).catch(() => undefined)
    return this.passes
  }

  private async startDue(): Promise<void> {
    if (this.closed) return
    const reach = this.deps.reach()
    if (reach.state === 'offline' || reach.state === 'auth-refused') return
    const now = this.deps.now()
    if (reach.state === 'rate-limited' && (reach.until ?? 0) > now) {
      this.kick((reach.until ?? now) - now)
      return
    }
    const drafts = await this.deps.drafts()
    const limit = this.deps.concurrency ?? SYNC_CONCURRENCY
    const auto = this.deps.autoSync()
    let nextRetry = Infinity
    for (const draft of runnableDrafts(drafts, Infinity)) {
      const due = (draft.retryAt ?? 0) <= now
      if (!due) {
        if (auto || this.requested.has(draft.id)) nextRetry = Math.min(nextRetry, draft.retryAt ?? now)
        continue
      }
      if (this.running.has(draft.id) || this.deps.isSyncing(draft.id)) continue
      if (!auto && !this.requested.has(draft.id)) continue
      if (this.running.size >= limit) break
      this.requested.delete(draft.id)
      const sending = this.deps.sync(draft).finally(() => {
        this.running.delete(draft.id)
        this.kick(0)
      })
      this.running.set(draft.id, sending)
    }
    if (nextRetry < Infinity) this.kick(Math.max(0, nextRetry - now))
  }
}
