import type { BulkJob } from '../../src/shared/contract/bulk-contract'
import type { BulkChangeInput } from '../../src/shared/domain/bulk-change'
import type { CoreHarness } from './core-harness'

// What the bulk job tests share: the change most of them run (a name suffix and a quota added), the
// fields that change leaves unticked (none may move on the server), and waiting for a job to get somewhere.

export function renameAndAdd(suffix: string, add: number): BulkChangeInput {
  return { kind: 'edit', rename: { mode: 'suffix', text: suffix }, quota: { mode: 'add', delta: add } }
}

/** Fields renameAndAdd does not tick. */
export const UNTICKED_BY_RENAME_AND_ADD = [
  'expired_time',
  'unlimited_quota',
  'model_limits_enabled',
  'model_limits',
  'allow_ips',
  'group',
  'status',
] as const

export async function jobOf(h: CoreHarness, profileId: string, jobId: string): Promise<BulkJob> {
  const job = (await h.value<BulkJob[]>('bulk.jobs', { profileId })).find((j) => j.id === jobId)
  if (!job) throw new Error(`no job ${jobId}`)
  return job
}

/** The job once `done` says so, polled every 50 ms (the test's own timeout bounds the wait). */
export async function untilJob(
  h: CoreHarness,
  profileId: string,
  jobId: string,
  done: (job: BulkJob) => boolean,
): Promise<BulkJob> {
  for (;;) {
    const job = await jobOf(h, profileId, jobId)
    if (done(job)) return job
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
