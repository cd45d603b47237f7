import { computed, type ComputedRef } from 'vue'
import { useBulkStore } from '@renderer/stores/bulk'

// The ids of the active server's bulk jobs running now, for the marks of their drafts
// (shown-draft-state.ts). Main announces a running job several times a second: the set changes (and
// what reads it is worked out again) only when which jobs run changes.

export function useRunningBulkJobs(): ComputedRef<ReadonlySet<string>> {
  const bulk = useBulkStore()
  const key = computed(() =>
    bulk.jobs
      .filter((job) => job.state === 'running')
      .map((job) => job.id)
      .join('\n'),
  )
  return computed(() => new Set(key.value.split('\n').filter(Boolean)))
}
