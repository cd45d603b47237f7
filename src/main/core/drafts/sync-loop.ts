import type { Draft } from '@shared/domain/draft'
import type { ServerReach } from '@shared/domain/server-state'

// One loop per server that sends its queued drafts (after Replicache's connection loop): a kick is
// debounced, a few drafts have requests in flight at once (each through the server's pacer, which keeps
// every read paired with its write; a draft whose requests are over frees its place while its record is
// saved), a token's drafts go strictly in the order they were made — and creates one at a time, so no
// two can take each other's new token for their own — and a draft that met a passing failure waits
// until its `retryAt`. Nothing is sent while the server is offline or refuses the
// credentials; connectivity kicks the loop when that changes (and "retry now" does). With automatic sync
// switched off, only drafts the user asked for are sent; they stay asked for until they leave the queue.

/** Drafts of different tokens whose requests are in flight at once. */
export const SYNC_CONCURRENCY = 3
const DEBOUNCE_MS = 25
/** A draft whose result could not be recorded (the disk) waits this long before it is tried again. */
const COOL_DOWN_MS = 30_000

export interface SyncLoopDeps {
  drafts: () => Promise<Draft[]>
  isSyncing: (draftId: string) => boolean
  /**
   * Sends one draft and records its result; false when nothing could be recorded. Never rejects. Calls
   * `sent` when its requests are over and only the record is left to save: another draft may start then.
   */
  sync: (draft: Draft, sent: () => void) => Promise<boolean>
  reach: () => ServerReach
  autoSync: () => boolean
  now: () => number
  concurrency?: number
}

/** The line a draft waits in: its token's, or the one line of creates. */
const lineOf = (draft: Draft): string => (draft.kind === 'create' ? 'creates' : `token ${draft.tokenId}`)

/** Drafts that are first in their line and queued, due or not. */
export function firstInLine(drafts: readonly Draft[]): Draft[] {
  const ordered = [...drafts].sort((a, b) => a.seq - b.seq)
  const taken = new Set<string>()
  const first: Draft[] = []
  for (const draft of ordered) {
    // A kept draft is not in line yet; every other one holds back the later drafts of its line.
    if (draft.state === 'held') continue
    const line = lineOf(draft)
    if (taken.has(line)) continue
    taken.add(line)
    if (draft.state === 'pending') first.push(draft)
  }
  return first
}

export class SyncLoop {
  /** Drafts started and not yet recorded. */
  private readonly running = new Map<string, Promise<void>>()
  /**
   * Those of them whose requests are still under way: the limit counts these only, so the network stays
   * busy while records are saved (and records made meanwhile share one write of the outbox).
   */
  private readonly sending = new Set<string>()
  /** Drafts the user asked to send now (they go even with automatic sync off). */
  private readonly requested = new Set<string>()
  private readonly coolingUntil = new Map<string, number>()
  private timer: ReturnType<typeof setTimeout> | null = null
  private dueAt = Infinity
  private passes: Promise<void> = Promise.resolve()
  private closed = false

  constructor(private readonly deps: SyncLoopDeps) {}

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

  /** Forgets that these drafts (or, with none named, all) were asked for: they wait for the next ask. */
  unrequest(draftIds?: Iterable<string>): void {
    if (!draftIds) return this.requested.clear()
    for (const id of draftIds) this.requested.delete(id)
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
    if (reach.state === 'offline' || reach.state === 'auth-refused' || reach.state === 'needs-token') return
    const now = this.deps.now()
    if (reach.state === 'rate-limited' && (reach.until ?? 0) > now) {
      this.kick((reach.until ?? now) - now)
      return
    }
    const drafts = await this.deps.drafts()
    // Asked-for drafts that left the queue (sent, stopped, discarded) are asked for no more.
    const queued = new Set(drafts.filter((d) => d.state === 'pending').map((d) => d.id))
    for (const id of this.requested) if (!queued.has(id)) this.requested.delete(id)
    const limit = this.deps.concurrency ?? SYNC_CONCURRENCY
    const auto = this.deps.autoSync()
    let next = Infinity
    for (const draft of firstInLine(drafts)) {
      if (!auto && !this.requested.has(draft.id)) continue
      if (this.running.has(draft.id) || this.deps.isSyncing(draft.id)) continue
      const due = Math.max(draft.retryAt ?? 0, this.coolingUntil.get(draft.id) ?? 0)
      if (due > now) {
        next = Math.min(next, due)
        continue
      }
      if (this.sending.size >= limit) break
      this.sending.add(draft.id)
      const sent = () => {
        // Straight on to the next draft: a timer would add its delay to every draft of a long queue.
        if (this.sending.delete(draft.id)) void this.pass()
      }
      const syncing = this.deps.sync(draft, sent).then((recorded) => {
        if (recorded) this.coolingUntil.delete(draft.id)
        else this.coolingUntil.set(draft.id, this.deps.now() + COOL_DOWN_MS)
      })
      this.running.set(
        draft.id,
        syncing.finally(() => {
          this.running.delete(draft.id)
          this.sending.delete(draft.id)
          this.kick(0)
        }),
      )
    }
    if (next < Infinity) this.kick(Math.max(0, next - now))
  }
}
