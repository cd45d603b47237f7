import { setTimeout as sleep } from 'node:timers/promises'
import type { Draft } from '@shared/domain/draft'
import { isEmptyEdit } from '@shared/domain/edit-check'
import type { ServerReach } from '@shared/domain/server-state'
import type { Token } from '@shared/domain/token'
import type { BulkDrafts } from '../drafts/bulk-drafts'
import { FRESH_READ_MS, type FreshReads } from '../drafts/fresh-reads'
import type { GatewayClient } from '../gateway/gateway-client'
import { MAX_PAGE_SIZE, readTokenPage } from '../gateway/token-pages'

// Releases a running job's held drafts into the outbox's queue a page at a time, so its writes cost about
// one request per token instead of two (issue 10 point 6; measured in bench/bulk.bench-run.ts):
// 1. wait until the server's window (the pacer's model of it) has room for the page's read and all of
//    its PUTs — so the PUTs leave right behind the read instead of waiting out a window while their read
//    grows old;
// 2. read the list page holding those tokens (100 rows) and hand each row to its draft's sync as its
//    fresh read (drafts/fresh-reads.ts: young rows only, one write each);
// 3. release the drafts (saved while the page is read) and wait until they have started — taken their
//    rows — before reading the next page.
// How many drafts go on one read adapts to how fast they leave (a loaded disk, a slow server): as many as
// are sent in half of a row's life, so the rows are used before they age (a page may be read again for
// its next part — still one read for many writes).
// A write's answer measures the usage its (older) read missed and the sync takes it back off with one
// corrective cycle (sync-draft.ts), so a token in use ends at one round trip of refund, as with a read
// of its own. Drafts that write no fields (status changes, deletes) need no read: they are released in
// groups of the same size. A row the page did not hold (the list moved) costs its draft a read of its
// own, as any draft. Offline, nothing is read: the drafts wait held, as the outbox waits.

const POLL_MS = 20
/** Drafts not yet started after this long are left to the engine (the next page does not wait for them). */
const BATCH_WAIT_MS = 2 * FRESH_READ_MS

export interface FeederDeps {
  drafts: BulkDrafts
  client: () => GatewayClient
  freshReads: FreshReads
  reach: () => ServerReach
  /** Where each token sits in the server's list (newest first), as the token cache last saw it. */
  positions: () => Promise<Map<number, number>>
  isSyncing: (draftId: string) => boolean
  /** Whether the job still wants its drafts released (not paused, cancelled or forgotten). */
  running: () => boolean
}

interface Batch {
  /** The list page to read first; null: these drafts need no read. */
  page: number | null
  drafts: Draft[]
}

const needsRead = (draft: Draft): boolean => draft.kind === 'update' && !isEmptyEdit(draft)

/** The next group to release: the held drafts of the first page, or (last) those that need no read. */
function nextBatch(held: Draft[], positions: Map<number, number>): Batch | null {
  const byPage = new Map<number, Draft[]>()
  const noRead: Draft[] = []
  for (const draft of held) {
    const position = draft.tokenId === null ? undefined : positions.get(draft.tokenId)
    if (!needsRead(draft)) noRead.push(draft)
    else {
      // A token the cache does not place is read on its own (page -1: no page read).
      const page = position === undefined ? -1 : Math.floor(position / MAX_PAGE_SIZE)
      byPage.set(page, [...(byPage.get(page) ?? []), draft])
    }
  }
  const pages = [...byPage.keys()].sort((a, b) => a - b)
  const first = pages.find((page) => page >= 0)
  if (first !== undefined) return { page: first, drafts: byPage.get(first) ?? [] }
  const rest = [...(byPage.get(-1) ?? []), ...noRead]
  return rest.length > 0 ? { page: null, drafts: rest.slice(0, MAX_PAGE_SIZE) } : null
}

/** Drafts released on one page read at first; then as many as went out in about half a row's life. */
const FIRST_CHUNK = 25
const MIN_CHUNK = 5

export class BulkFeeder {
  private chunk = FIRST_CHUNK

  constructor(
    private readonly profileId: string,
    private readonly jobId: string,
    private readonly deps: FeederDeps,
  ) {}

  /** Runs until every held draft of the job is released, or the job stops running. */
  async run(): Promise<void> {
    const { deps } = this
    while (deps.running()) {
      const state = deps.reach().state
      if (state !== 'online' && state !== 'unknown') {
        await sleep(1_000, undefined, { ref: false })
        continue
      }
      const held = (await deps.drafts.of(this.profileId, this.jobId)).filter(
        (d) => d.state === 'held' && !deps.isSyncing(d.id),
      )
      const batch = nextBatch(held, await deps.positions())
      if (!batch) return
      const wanted = batch.page === null ? batch.drafts : batch.drafts.slice(0, this.chunk)
      const room = await this.roomFor(wanted.length + (batch.page === null ? 0 : 1))
      if (room === null) return
      const drafts = wanted.slice(0, Math.max(1, room - (batch.page === null ? 0 : 1)))
      const began = Date.now()
      // A page that could not be read leaves each draft to read its token itself. The page is read while
      // the drafts' release is saved; they start once both are done.
      const reading = batch.page === null ? undefined : this.readPage(batch.page, drafts)
      await deps.drafts.release(
        this.profileId,
        this.jobId,
        drafts.map((d) => d.id),
        reading,
      )
      await this.started(drafts.map((d) => d.id))
      // How many this machine and server start while a row is young (the disk, the latency, the limit).
      if (batch.page !== null) {
        const perDraftMs = (Date.now() - began) / drafts.length
        const fits = Math.floor(FRESH_READ_MS / 2 / Math.max(1, perDraftMs))
        this.chunk = Math.max(MIN_CHUNK, Math.min(MAX_PAGE_SIZE, fits))
      }
      deps.freshReads.forget(
        this.profileId,
        drafts.flatMap((d) => (d.tokenId === null ? [] : [d.tokenId])),
      )
    }
  }

  /** Waits until the pacer's window has room for `cost` requests (or as many as one window holds). */
  private async roomFor(cost: number): Promise<number | null> {
    for (;;) {
      if (!this.deps.running()) return null
      const budget = this.deps.client().http.pacing.budget('global')
      if (budget.left >= Math.min(cost, budget.limit)) return budget.left
      await sleep(POLL_MS, undefined, { ref: false })
    }
  }

  /** Reads the page and offers its rows of these drafts' tokens. */
  private async readPage(page: number, drafts: Draft[]): Promise<void> {
    const client = this.deps.client()
    const wanted = new Set(drafts.map((d) => d.tokenId))
    try {
      const read = await readTokenPage(client, page, MAX_PAGE_SIZE, client.features()?.paging ?? null)
      const rows: Token[] = read.tokens.filter((token) => wanted.has(token.id))
      this.deps.freshReads.offer(this.profileId, rows)
    } catch {
      // Offline now, rate limited, a bad answer: the drafts' own syncs meet it and deal with it.
    }
  }

  /**
   * Waits until each of these drafts has started (and taken its row), been stopped or set to wait for a
   * retry — a while at most. The next page is read while the last of them are still being sent and
   * recorded, so the requests never wait for the disk.
   */
  private async started(draftIds: string[]): Promise<void> {
    const until = Date.now() + BATCH_WAIT_MS
    const ids = new Set(draftIds)
    while (Date.now() < until && this.deps.running()) {
      const left = (await this.deps.drafts.of(this.profileId, this.jobId)).filter(
        (d) => ids.has(d.id) && !this.deps.isSyncing(d.id) && d.state === 'pending' && d.retryAt === null,
      )
      if (left.length === 0) return
      await sleep(POLL_MS, undefined, { ref: false })
    }
  }
}
