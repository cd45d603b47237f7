import { computed, onScopeDispose, ref } from 'vue'
import { defineStore } from 'pinia'
import type { Pacing, Profile, ProfilesState } from '@shared/domain/profile'
import type { WatchSettings } from '@shared/domain/watch-settings'
import type { ConnectionReport } from '@shared/domain/connection-report'
import type { ConnectionTestInput, NewProfileInput, ProfileEditInput } from '@shared/domain/profile-input'
import type { ImportPlan } from '@shared/domain/server-list-document'
import type { ChannelOutput } from '@shared/contract/contract'
import type { SameNameChoice } from '@shared/contract/template-contract'
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

  // Main announces every change of the list in full, so a `profiles.changed` that came while an answer
  // was on its way is as new as the answer or newer (the browser host can deliver it first): it stands.
  let changes = 0
  onScopeDispose(
    api.on('profiles.changed', (state) => {
      changes += 1
      apply(state)
    }),
  )

  async function hydrate(): Promise<Result<ProfilesState>> {
    const before = changes
    const result = await api.profiles.list()
    if (!result.ok) loadError.value = result.error
    else if (changes === before) apply(result.value)
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

  /** Saves an edit; main verifies a new access token or a changed address first. */
  async function update(input: ProfileEditInput): Promise<Result<Profile>> {
    const result = await api.profiles.update(input)
    if (result.ok) await hydrate()
    return result
  }

  async function duplicate(id: string): Promise<Result<Profile>> {
    const result = await api.profiles.duplicate({ id })
    if (result.ok) await hydrate()
    return result
  }

  /** Moves a server to another place in the list (the order of the header's picker too). */
  async function move(id: string, to: number): Promise<Result<ProfilesState>> {
    const ids = profiles.value.map((profile) => profile.id).filter((candidate) => candidate !== id)
    ids.splice(Math.max(0, Math.min(to, ids.length)), 0, id)
    const result = await api.profiles.reorder({ ids })
    if (result.ok) apply(result.value)
    return result
  }

  function test(input: ConnectionTestInput): Promise<Result<ConnectionReport>> {
    return api.profiles.test(input)
  }

  async function remove(id: string): Promise<Result<{ keychainCleared: boolean }>> {
    const result = await api.profiles.remove({ id })
    if (result.ok) await hydrate()
    return result
  }

  async function exportList(): Promise<Result<{ text: string }>> {
    return api.profiles.export()
  }

  function previewImport(text: string): Promise<Result<ImportPlan>> {
    return api.profiles.importPreview({ text })
  }

  /** Imports a list; `sameNameTemplates` says what a template named like a saved one does. */
  async function importList(
    text: string,
    sameNameTemplates: SameNameChoice = 'skip',
  ): Promise<Result<ChannelOutput<'profiles.import'>>> {
    const result = await api.profiles.import({ text, sameNameTemplates })
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

  async function setWatch(id: string, watch: WatchSettings | null): Promise<Result<Profile>> {
    const result = await api.profiles.setWatch({ id, watch })
    if (result.ok) await hydrate()
    return result
  }

  return {
    profiles,
    activeId,
    active,
    loaded,
    loadError,
    hydrate,
    add,
    update,
    duplicate,
    move,
    test,
    remove,
    select,
    setPacing,
    setWatch,
    exportList,
    previewImport,
    importList,
  }
})
