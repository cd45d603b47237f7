import { computed, onScopeDispose, ref } from 'vue'
import { defineStore } from 'pinia'
import type { NewProfileInput, Pacing, Profile, ProfilesState } from '@shared/domain/profile'
import type { AppErrorData, Result } from '@shared/result'
import { useBridge } from '@renderer/bridge/use-bridge'

// Mirrors main's list of saved servers and which one is active. Main owns the truth: every action asks
// main and then takes main's answer (or its `profiles.changed` event); nothing is edited locally.
// Actions return the Result so the view that asked can show the error in place.

export const useProfilesStore = defineStore('profiles', () => {
  const api = useBridge()

  const profiles = ref<Profile[]>([])
  const activeId = ref<string | null>(null)
  const loaded = ref(false)
  const loadError = ref<AppErrorData | null>(null)

  const active = computed(() => profiles.value.find((p) => p.id === activeId.value) ?? null)

  function apply(state: ProfilesState): void {
    profiles.value = state.profiles
    activeId.value = state.activeId
    loaded.value = true
    loadError.value = null
  }

  onScopeDispose(api.on('profiles.changed', apply))

  async function hydrate(): Promise<Result<ProfilesState>> {
    const result = await api.profiles.list()
    if (result.ok) apply(result.value)
    else loadError.value = result.error
    return result
  }

  /** Adds a server (main verifies it first) and switches to it: that is what the user wants to see next. */
  async function add(input: NewProfileInput): Promise<Result<Profile>> {
    const result = await api.profiles.add(input)
    if (!result.ok) return result
    const selected = await api.profiles.select({ id: result.value.id })
    if (selected.ok) apply(selected.value)
    else await hydrate()
    return result
  }

  async function remove(id: string): Promise<Result<null>> {
    const result = await api.profiles.remove({ id })
    if (result.ok) await hydrate()
    return result
  }

  async function select(id: string): Promise<Result<ProfilesState>> {
    const result = await api.profiles.select({ id })
    if (result.ok) apply(result.value)
    return result
  }

  /** The server's rate limit TokenDesk paces itself under; null returns to new-api's default. */
  async function setPacing(id: string, pacing: Pacing | null): Promise<Result<Profile>> {
    const result = await api.profiles.setPacing({ id, pacing })
    if (result.ok) await hydrate()
    return result
  }

  return { profiles, activeId, active, loaded, loadError, hydrate, add, remove, select, setPacing }
})
