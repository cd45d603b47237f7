import { computed, onScopeDispose, shallowRef, watch } from 'vue'
import { defineStore } from 'pinia'
import type { BULK_CONTROLS, BulkJob } from '@shared/contract/bulk-contract'
import type { BulkChangeInput } from '@shared/domain/bulk-change'
import type { Result } from '@shared/result'
import { useBridge } from '@renderer/bridge/use-bridge'
import { useProfilesStore } from './profiles'

// The active server's bulk jobs as main runs them: read when the server becomes active, then kept
// current by `bulk.changed` (main announces a running job a few times a second). The newest job is the
// one the tokens screen shows, until the user puts its report away (kept with the job in main, so it
// stays away after a restart; hidden here at once).

export type BulkControl = (typeof BULK_CONTROLS)[number]

export const useBulkStore = defineStore('bulk', () => {
  const api = useBridge()
  const profiles = useProfilesStore()
  const jobs = shallowRef<BulkJob[]>([])
  /** Reports the user put away (by job id), hidden before main's answer comes. */
  const dismissed = shallowRef<ReadonlySet<string>>(new Set())

  const latest = computed(() => {
    const job = jobs.value.find((candidate) => candidate.profileId === profiles.activeId)
    const away = job && job.state === 'done' && (job.putAway || dismissed.value.has(job.id))
    return job && !away ? job : null
  })

  function upsert(job: BulkJob): void {
    // An answer can arrive after an event that already carried a newer state of the same job.
    const known = jobs.value.find((candidate) => candidate.id === job.id)
    if (known && known.revision > job.revision) return
    const others = jobs.value.filter((candidate) => candidate.id !== job.id)
    jobs.value = [job, ...others].sort((a, b) => b.createdAt - a.createdAt)
  }

  async function load(profileId: string): Promise<void> {
    const result = await api.bulk.jobs({ profileId })
    if (result.ok && profiles.activeId === profileId) jobs.value = result.value
  }

  async function start(
    profileId: string,
    tokenIds: number[],
    change: BulkChangeInput,
  ): Promise<Result<BulkJob>> {
    const result = await api.bulk.start({ profileId, tokenIds, change })
    if (result.ok) upsert(result.value)
    return result
  }

  async function control(job: BulkJob, action: BulkControl): Promise<Result<BulkJob>> {
    const result = await api.bulk.control({ profileId: job.profileId, jobId: job.id, action })
    if (result.ok) upsert(result.value)
    return result
  }

  async function undo(job: BulkJob): Promise<Result<BulkJob>> {
    const result = await api.bulk.undo({ profileId: job.profileId, jobId: job.id })
    if (result.ok) upsert(result.value)
    return result
  }

  function dismiss(job: BulkJob): void {
    dismissed.value = new Set([...dismissed.value, job.id])
    void control(job, 'putAway')
  }

  watch(
    () => profiles.activeId,
    (profileId) => {
      jobs.value = []
      if (profileId) void load(profileId)
    },
    { immediate: true },
  )

  onScopeDispose(
    api.on('bulk.changed', (job) => {
      if (job.profileId === profiles.activeId) upsert(job)
    }),
  )

  return { jobs, latest, start, control, undo, dismiss }
})
