import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import type {
  BulkJob,
  bulkControlInputSchema,
  bulkJobRefSchema,
  bulkStartInputSchema,
} from '@shared/contract/bulk-contract'
import type { EventPayload } from '@shared/contract/contract'
import type { BulkCheckContext } from '@shared/domain/bulk-result'
import type { ServerReach } from '@shared/domain/server-state'
import { AppError } from '@shared/result'
import type { BulkDrafts, BulkEntry } from '../drafts/bulk-drafts'
import type { FreshReads } from '../drafts/fresh-reads'
import type { Outbox } from '../drafts/outbox'
import type { EventBus } from '../event-bus'
import type { GatewayRegistry } from '../gateway/gateway-registry'
import type { Logger } from '../logger'
import type { ProfileStore } from '../profiles/profile-store'
import type { TokenCache } from '../workspace/token-cache'
import { BulkFeeder } from './bulk-feeder'
import { BulkJournal } from './bulk-journal'
import { planApply, planUndo } from './bulk-plan'
import { reconcileItems } from './bulk-follow'
import { itemRemoved, withJobState } from './bulk-progress'
import { viewOf, type BulkStore, type StoredItem, type StoredJob } from './bulk-store'

// Bulk jobs (issue 10): a change over many tokens becomes one draft per token in the normal outbox,
// tagged with the job's id, and the job follows those drafts' outcomes as the outbox announces them
// (`drafts.changed`) — so sending, merging with server changes, offline waiting and crash recovery stay
// the outbox's and the sync engine's. The job itself (per token the before-values an undo needs, the
// refund measured) is saved beside the outbox and survives restarts. Drafts are released page by page
// (bulk-feeder.ts) so each write costs about one request; `pageReads: false` sends them as any queued
// draft (a read of its own each), the design the bench compares against.
//
// Every change of the jobs runs one after another (`serial`); how they are saved and announced is the
// journal's (bulk-journal.ts).

type StartInput = z.output<typeof bulkStartInputSchema>
type ControlInput = z.output<typeof bulkControlInputSchema>
type JobRef = z.output<typeof bulkJobRefSchema>

export interface BulkServiceDeps {
  profiles: ProfileStore
  cache: TokenCache
  store: BulkStore
  drafts: BulkDrafts
  outbox: Outbox
  gateways: GatewayRegistry
  freshReads: FreshReads
  events: EventBus
  logger: Logger
  now: () => number
  reach: (profileId: string) => ServerReach
  /** Release drafts page by page with shared reads (default); false: each draft reads its own token. */
  pageReads?: boolean
}

export class BulkService {
  private readonly journal: BulkJournal
  private readonly loaded = new Map<string, Promise<void>>()
  private readonly feeding = new Map<string, Promise<void>>()
  private queue: Promise<unknown> = Promise.resolve()
  private closed = false

  constructor(private readonly deps: BulkServiceDeps) {
    this.journal = new BulkJournal({ ...deps, pageReads: deps.pageReads !== false })
  }

  start(input: StartInput): Promise<BulkJob> {
    return this.serial(async () => {
      const profile = this.deps.profiles.require(input.profileId)
      await this.load(input.profileId)
      const { tokens } = await this.deps.cache.read(input.profileId)
      const items = planApply(input.tokenIds, input.change, tokens, this.context(profile.id))
      const job = this.newJob(input.profileId, 'apply', null, input.change, items)
      return viewOf(await this.launch(job))
    })
  }

  async list(profileId: string): Promise<BulkJob[]> {
    this.deps.profiles.require(profileId)
    await this.load(profileId)
    return this.journal
      .of(profileId)
      .sort((a, b) => b.createdAt - a.createdAt)
      .map((job) => viewOf(this.journal.withEstimate(job)))
  }

  undo(ref: JobRef): Promise<BulkJob> {
    return this.serial(async () => {
      const original = await this.require(ref)
      if (original.change.kind === 'delete')
        throw new AppError('validation', 'Deleted tokens cannot come back: a new token would get a new key.')
      if (original.state !== 'done')
        throw new AppError('conflict', 'This job is still running: wait for it, or cancel it, then undo it.')
      const { tokens } = await this.deps.cache.read(ref.profileId)
      const items = planUndo(original.items, tokens, this.context(ref.profileId))
      if (items.length === 0)
        throw new AppError('validation', 'This job changed nothing that could be undone.')
      return viewOf(
        await this.launch(this.newJob(ref.profileId, 'undo', original.id, original.change, items)),
      )
    })
  }

  control(input: ControlInput): Promise<BulkJob> {
    return this.serial(async () => {
      const job = await this.require(input)
      const { drafts } = this.deps
      const ids = new Set<string>()
      let next: StoredJob = job
      if (input.action === 'pause' && job.state === 'running') {
        next = { ...job, state: 'paused' }
        this.journal.put(next)
        await drafts.hold(job.profileId, job.id)
      } else if (input.action === 'resume' && job.state === 'paused') {
        next = { ...job, state: 'running' }
        this.journal.put(next)
        if (this.pageReads) this.feed(next)
        else await drafts.release(job.profileId, job.id)
      } else if (input.action === 'cancel') {
        for (const id of await drafts.cancel(job.profileId, job.id)) ids.add(id)
        next = this.journal.get(job.id) ?? job
        next = {
          ...next,
          items: next.items.map((item) => (ids.has(item.draftId ?? '') ? itemRemoved(item) : item)),
        }
        // What is still on its way finishes; the job is done when it has.
        next = { ...next, state: next.state === 'paused' ? 'running' : next.state }
      } else if (input.action === 'putAway' && job.state === 'done') {
        next = { ...job, putAway: true }
      } else if (input.action === 'retryFailed') {
        for (const id of await drafts.retryFailed(job.profileId, job.id)) ids.add(id)
        next = this.journal.get(job.id) ?? job
        next = {
          ...next,
          state: 'running',
          items: next.items.map((item) =>
            ids.has(item.draftId ?? '') ? { ...item, state: 'queued', error: null } : item,
          ),
        }
      }
      return viewOf(this.journal.withEstimate(await this.journal.commit(next)))
    })
  }

  /** Follows the outbox: the job's drafts as they change, their records, their removal. */
  onDraftsChanged(payload: EventPayload<'drafts.changed'>): void {
    // Once closed, nothing more is written: what the engine finishes meanwhile is in the outbox, and the
    // next start reads it from there (reconcile).
    if (this.closed || !this.journal.follow.concerns(payload)) return
    void this.serial(async () => {
      for (const job of this.journal.follow.changedBy(payload, (id) => this.journal.get(id)))
        await this.journal.commit(job, { progress: true })
    }).catch((error: unknown) => this.deps.logger.error({ err: String(error) }, 'bulk progress not saved'))
  }

  /** At start: every saved server's jobs, brought up to date with its outbox; running ones go on. */
  async resume(): Promise<void> {
    for (const profile of this.deps.profiles.snapshot().profiles) {
      await this.serial(async () => {
        await this.load(profile.id)
        for (const job of this.journal.of(profile.id)) {
          const next = await this.reconcile(job)
          if (next.state === 'running' && this.pageReads) this.feed(next)
        }
        // Records of jobs this file no longer holds (damaged, or done just before a crash) age as any.
        await this.journal.letRecordsGo(profile.id)
      })
    }
  }

  /** The server is being removed: its jobs go with its outbox. */
  async forget(profileId: string): Promise<void> {
    await this.serial(async () => {
      for (const job of this.journal.of(profileId)) this.journal.forget(job)
      this.loaded.delete(profileId)
      this.deps.freshReads.forget(profileId)
      await this.deps.store.remove(profileId)
    })
  }

  async close(): Promise<void> {
    this.closed = true
    await this.queue.catch(() => undefined)
    await Promise.all(this.feeding.values())
    await this.journal.close()
  }

  private get pageReads(): boolean {
    return this.deps.pageReads !== false
  }

  private newJob(
    profileId: string,
    kind: StoredJob['kind'],
    undoOf: string | null,
    change: StoredJob['change'],
    items: StoredItem[],
  ): StoredJob {
    const now = this.deps.now()
    const job: StoredJob = {
      id: randomUUID(),
      profileId,
      kind,
      undoOf,
      state: 'running',
      change,
      createdAt: now,
      finishedAt: null,
      items,
      secondsLeft: null,
      revision: 0,
      putAway: false,
      queued: false,
    }
    return withJobState(job, now)
  }

  /** Saves the job, then queues its drafts (held for the feeder, or queued), then starts feeding. */
  private async launch(job: StoredJob): Promise<StoredJob> {
    await this.journal.commit(job)
    await this.queueDrafts(job)
    // Progress: were it lost, the outbox holding the job's drafts says the same (`reconcile`).
    const queued = await this.journal.commit(
      { ...(this.journal.get(job.id) ?? job), queued: true },
      { progress: true },
    )
    if (queued.state === 'running' && this.pageReads) this.feed(queued)
    return queued
  }

  private async queueDrafts(job: StoredJob): Promise<void> {
    const entries: BulkEntry[] = job.items.flatMap((item) =>
      item.state === 'queued' && item.draftId && item.base && item.draft
        ? [{ draftId: item.draftId, tokenId: item.tokenId, base: item.base, draft: item.draft }]
        : [],
    )
    // Held until released: page by page by the feeder, or all at once.
    await this.deps.drafts.queue(job.profileId, job.id, entries, 'held')
    if (!this.pageReads) await this.deps.drafts.release(job.profileId, job.id)
  }

  private feed(job: StoredJob): void {
    if (this.feeding.has(job.id) || this.closed) return
    const { profileId } = job
    const feeder = new BulkFeeder(profileId, job.id, {
      drafts: this.deps.drafts,
      client: () => this.deps.gateways.client(profileId),
      freshReads: this.deps.freshReads,
      reach: () => this.deps.reach(profileId),
      positions: async () => {
        const { tokens } = await this.deps.cache.read(profileId)
        return new Map(tokens.map((token, index) => [token.id, index]))
      },
      isSyncing: (draftId) => this.deps.outbox.isSyncing(profileId, draftId),
      running: () => !this.closed && this.journal.get(job.id)?.state === 'running',
    })
    const run = feeder
      .run()
      .catch((error: unknown) =>
        this.deps.logger.error({ profileId, jobId: job.id, err: String(error) }, 'bulk feeder stopped'),
      )
      .finally(() => this.feeding.delete(job.id))
    this.feeding.set(job.id, run)
  }

  /** After a restart: items follow what the outbox says of their drafts; a job not queued is queued. */
  private async reconcile(job: StoredJob): Promise<StoredJob> {
    const { outbox } = this.deps
    if (!job.queued) {
      // The outbox's change is all or nothing: any draft of the job there means all of them are.
      const { drafts } = await outbox.doc(job.profileId)
      if (!drafts.some((draft) => draft.bulkJobId === job.id)) await this.queueDrafts(job)
      job = await this.journal.commit({ ...job, queued: true })
    }
    // Read after queueing: drafts queued just now are the job's, not drafts gone without a trace.
    const doc = await outbox.doc(job.profileId)
    const items = reconcileItems(job.items, doc, (draft) => outbox.view(draft))
    return this.journal.commit({ ...job, items })
  }

  private async load(profileId: string): Promise<void> {
    let loading = this.loaded.get(profileId)
    if (!loading) {
      loading = this.deps.store.jobs(profileId).then((jobs) => jobs.forEach((job) => this.journal.put(job)))
      loading.catch(() => this.loaded.delete(profileId))
      this.loaded.set(profileId, loading)
    }
    await loading
  }

  private async require(ref: JobRef): Promise<StoredJob> {
    this.deps.profiles.require(ref.profileId)
    await this.load(ref.profileId)
    const job = this.journal.get(ref.jobId)
    if (!job || job.profileId !== ref.profileId) throw new AppError('not-found', 'That bulk job is gone.')
    return job
  }

  private context(profileId: string): BulkCheckContext {
    const profile = this.deps.profiles.require(profileId)
    return { nowSeconds: Math.floor(this.deps.now() / 1000), facts: profile.server }
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work)
    this.queue = run.catch(() => undefined)
    return run
  }
}
