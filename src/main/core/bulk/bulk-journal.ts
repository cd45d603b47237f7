import type { BulkDrafts } from '../drafts/bulk-drafts'
import type { EventBus } from '../event-bus'
import type { GatewayRegistry } from '../gateway/gateway-registry'
import type { Logger } from '../logger'
import { BulkFollow } from './bulk-follow'
import { withJobState } from './bulk-progress'
import { secondsLeft } from './bulk-seconds'
import { viewOf, type BulkStore, type StoredJob } from './bulk-store'

// The bulk jobs in memory and on disk, and what the window hears of them. What the user does (start,
// pause, undo …) is saved at once; the progress of a job's drafts is saved in one write per short tick
// (group commit): each draft's outcome is on disk in the outbox before anyone hears of it, so a crash
// within the tick loses nothing — the service's `reconcile` catches the job up from the outbox on start.
// A job is announced (`bulk.changed`) only once its state is on disk, at most a few times a second.

const ANNOUNCE_MS = 250
/** How long drafts' progress may wait to share one write of the jobs file. */
const PROGRESS_SAVE_MS = 250

export interface BulkJournalDeps {
  store: BulkStore
  drafts: BulkDrafts
  gateways: GatewayRegistry
  events: EventBus
  logger: Logger
  now: () => number
  pageReads: boolean
}

export class BulkJournal {
  private readonly jobs = new Map<string, StoredJob>()
  /** Which drafts belong to which job (bulk-follow.ts). */
  readonly follow = new BulkFollow()
  private readonly dirty = new Set<string>()
  /** Progress saves not yet on disk (close waits for them). */
  private readonly saving = new Set<Promise<void>>()
  private timer: ReturnType<typeof setTimeout> | null = null
  private closed = false

  constructor(private readonly deps: BulkJournalDeps) {}

  get(jobId: string): StoredJob | undefined {
    return this.jobs.get(jobId)
  }

  of(profileId: string): StoredJob[] {
    return [...this.jobs.values()].filter((job) => job.profileId === profileId)
  }

  /** Holds a job in memory (as loaded, or changed before its save). */
  put(job: StoredJob): void {
    this.jobs.set(job.id, job)
    this.follow.track(job)
  }

  forget(job: StoredJob): void {
    this.jobs.delete(job.id)
    this.follow.untrack(job)
  }

  /** Saves the job and announces it once on disk; `progress` joins the tick's write without waiting. */
  async commit(job: StoredJob, options: { progress?: boolean } = {}): Promise<StoredJob> {
    const revision = Math.max(job.revision, this.jobs.get(job.id)?.revision ?? 0) + 1
    const next = withJobState({ ...job, revision }, this.deps.now())
    this.put(next)
    if (!options.progress) {
      await this.deps.store.save(next.profileId, [next])
      this.announce(next.id)
      // Its outcome is on disk now: the outbox need not keep its records past the history limit.
      if (next.state === 'done') await this.letRecordsGo(next.profileId)
      return next
    }
    const saving = this.deps.store
      .save(next.profileId, [next], { within: PROGRESS_SAVE_MS })
      .then(async () => {
        this.announce(next.id)
        if (next.state === 'done') await this.letRecordsGo(next.profileId)
      })
      .catch((error: unknown) => this.deps.logger.error({ err: String(error) }, 'bulk progress not saved'))
      .finally(() => this.saving.delete(saving))
    this.saving.add(saving)
    return next
  }

  /** Lets the outbox age the records of the server's jobs that are done (outbox-history.ts). */
  letRecordsGo(profileId: string): Promise<void> {
    const running = this.of(profileId).filter((job) => job.state !== 'done')
    return this.deps.drafts.letRecordsGo(profileId, new Set(running.map((job) => job.id)))
  }

  /** The job as the window sees it, with the time left at the server's pace while it runs. */
  withEstimate(job: StoredJob): StoredJob {
    if (job.state !== 'running') return { ...job, secondsLeft: job.state === 'done' ? 0 : null }
    const left = job.items.filter((item) => item.state === 'queued' || item.state === 'syncing').length
    const pacing = this.deps.gateways.client(job.profileId).http.pacing
    return {
      ...job,
      secondsLeft: secondsLeft(left, this.deps.pageReads, pacing.budget('global'), this.deps.now()),
    }
  }

  /** No more announcements; waits for the progress saves under way. */
  async close(): Promise<void> {
    this.closed = true
    if (this.timer) clearTimeout(this.timer)
    await Promise.all(this.saving)
  }

  private announce(jobId: string): void {
    this.dirty.add(jobId)
    if (this.timer || this.closed) return
    this.timer = setTimeout(() => {
      this.timer = null
      for (const id of this.dirty) {
        const job = this.jobs.get(id)
        if (job) this.deps.events.emit('bulk.changed', viewOf(this.withEstimate(job)))
      }
      this.dirty.clear()
    }, ANNOUNCE_MS)
    this.timer.unref?.()
  }
}
