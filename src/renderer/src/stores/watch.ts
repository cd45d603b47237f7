import { computed, onScopeDispose, ref, watch } from 'vue'
import { defineStore } from 'pinia'
import type { WatchState } from '@shared/contract/watch-contract'
import { useBridge } from '@renderer/bridge/use-bridge'
import { useProfilesStore } from './profiles'

// Mirrors main's Watch per server: the active server's is asked for when it becomes active, and every
// server's follows main's `watch.changed` events (a listing, a write, changed thresholds, the background
// refresh). The header's badge counts the active server's entries, as the outbox badge counts its drafts.

export const useWatchStore = defineStore('watch', () => {
  const api = useBridge()
  const profiles = useProfilesStore()
  const states = ref<Record<string, WatchState>>({})

  const active = computed(() => (profiles.activeId ? (states.value[profiles.activeId] ?? null) : null))
  const count = computed(() => active.value?.entries.length ?? 0)

  async function load(profileId: string): Promise<void> {
    const result = await api.watch.list({ profileId })
    if (!result.ok) return
    // An answer may have been taken from the token list as it was before a listing whose event came
    // first: a Watch from an older list never replaces a newer one (events, sent in order, always do).
    const known = states.value[profileId]
    if (known && (known.checkedAt ?? -1) > (result.value.checkedAt ?? -1)) return
    states.value = { ...states.value, [profileId]: result.value }
  }

  watch(
    () => profiles.activeId,
    (profileId) => {
      if (profileId) void load(profileId)
    },
    { immediate: true },
  )
  onScopeDispose(
    api.on('watch.changed', (state) => {
      states.value = { ...states.value, [state.profileId]: state }
    }),
  )

  return { states, active, count, load }
})
