import type { TokenDeskApi } from '@shared/contract/bridge-api'
import type { BulkJob } from '@shared/contract/bulk-contract'
import type { ChannelName, EventName } from '@shared/contract/channel-names'
import type { EventPayload } from '@shared/contract/contract'
import type { Token } from '@shared/domain/token'
import { fail, ok, type AppErrorData } from '@shared/result'

// The bulk half of the fake api: jobs kept in memory per profile, each token a queued item, controls that
// change the job's state as main's do, and `bulk.changed` after each change. Sending is main's business:
// tests move items along with `settle` (what main's progress would announce).

interface BulkDeps {
  tokens: Record<string, Token[]>
  record: (channel: ChannelName, input: unknown) => AppErrorData | undefined
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void
}

export function createFakeBulk({ tokens, record, emit }: BulkDeps) {
  const jobs: BulkJob[] = []
  let next = 1
  const changed = (job: BulkJob): BulkJob => {
    job.revision += 1 // as main counts every saved change
    emit('bulk.changed', structuredClone(job))
    return structuredClone(job)
  }
  const find = (profileId: string, jobId: string) =>
    jobs.find((job) => job.profileId === profileId && job.id === jobId)
  const gone = fail('not-found', 'That bulk job is gone.')

  const api: Pick<TokenDeskApi, 'bulk'> = {
    bulk: {
      start: async (input) => {
        const f = record('bulk.start', input)
        if (f) return { ok: false, error: f }
        const rows = tokens[input.profileId] ?? []
        const job: BulkJob = {
          id: `job-${next++}`,
          profileId: input.profileId,
          kind: 'apply',
          undoOf: null,
          state: 'running',
          change: input.change as BulkJob['change'],
          createdAt: Date.now(),
          finishedAt: null,
          revision: 0,
          putAway: false,
          items: input.tokenIds.map((tokenId) => ({
            tokenId,
            name: rows.find((row) => row.id === tokenId)?.name ?? '',
            state: 'queued',
            draftId: `draft-${tokenId}`,
            error: null,
            requests: 0,
            refund: null,
          })),
          secondsLeft: null,
        }
        jobs.unshift(job)
        return ok(changed(job))
      },
      jobs: async (input) => {
        const f = record('bulk.jobs', input)
        if (f) return { ok: false, error: f }
        return ok(structuredClone(jobs.filter((job) => job.profileId === input.profileId)))
      },
      control: async (input) => {
        const f = record('bulk.control', input)
        if (f) return { ok: false, error: f }
        const job = find(input.profileId, input.jobId)
        if (!job) return gone
        if (input.action === 'pause' && job.state === 'running') job.state = 'paused'
        if (input.action === 'resume' && job.state === 'paused') job.state = 'running'
        if (input.action === 'putAway' && job.state === 'done') job.putAway = true
        for (const item of job.items) {
          if (input.action === 'cancel' && item.state === 'queued') item.state = 'cancelled'
          if (input.action === 'retryFailed' && item.state === 'failed') {
            item.state = 'queued'
            item.error = null
            job.state = 'running'
          }
        }
        return ok(changed(job))
      },
      undo: async (input) => {
        const f = record('bulk.undo', input)
        if (f) return { ok: false, error: f }
        const original = find(input.profileId, input.jobId)
        if (!original) return gone
        const items = original.items.filter((item) => item.state === 'synced')
        const job: BulkJob = {
          ...structuredClone(original),
          id: `job-${next++}`,
          kind: 'undo',
          undoOf: original.id,
          state: 'running',
          finishedAt: null,
          items: items.map((item) => ({ ...item, state: 'queued', requests: 0, refund: null })),
        }
        jobs.unshift(job)
        return ok(changed(job))
      },
    },
  }

  /** Gives items outcomes as main's progress would, and announces the job. */
  function settle(jobId: string, outcomes: Record<number, Partial<BulkJob['items'][number]>>): void {
    const job = jobs.find((candidate) => candidate.id === jobId)
    if (!job) throw new Error(`fake bulk: no job ${jobId}`)
    job.items = job.items.map((item) => ({ ...item, ...outcomes[item.tokenId] }))
    if (job.items.every((item) => !['queued', 'syncing'].includes(item.state))) {
      job.state = 'done'
      job.finishedAt = Date.now()
    }
    changed(job)
  }

  return { api, jobs, settle }
}
