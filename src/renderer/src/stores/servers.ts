import { computed, onScopeDispose, ref } from 'vue'
import { defineStore } from 'pinia'
import type { ServerState } from '@shared/domain/server-state'
import type { Settings } from '@shared/domain/settings'
import type { StorageNotice } from '@shared/domain/storage-notice'
import { useBridge } from '@renderer/bridge/use-bridge'
import { useProfilesStore } from './profiles'

// What main knows of each saved server right now (reachable? drafts waiting?), the app's settings, and
// what main had to recover from damaged data files — all owned by main, followed through its events.

export const useServersStore = defineStore('servers', () => {
  const api = useBridge()
  const profiles = useProfilesStore()

  const states = ref<Record<string, ServerState>>({})
  const settings = ref<Settings>({ autoSync: true, notifications: true })
  const notices = ref<StorageNotice[]>([])

  const active = computed(() => (profiles.activeId ? (states.value[profiles.activeId] ?? null) : null))

  // Main announces every change of a server's state and of the settings, each in full. So what an event
  // brought while an answer was on its way is as new as the answer or newer: the browser host's event
  // stream can deliver it first (a listing's "online" overtook the start's answer, and the header said
  // "Not contacted yet" until the next change). The answer fills in only what no event brought meanwhile.
  const meanwhile = new Set<{ servers: Set<string>; settings: boolean }>()

  async function hydrate(): Promise<void> {
    const seen = { servers: new Set<string>(), settings: false }
    meanwhile.add(seen)
    const [all, current, recovered] = await Promise.all([
      api.servers.states(),
      api.settings.get(),
      api.app.notices(),
    ]).finally(() => meanwhile.delete(seen))
    if (all.ok) {
      const answered = all.value.filter((state) => !seen.servers.has(state.profileId))
      const kept = Object.values(states.value).filter((state) => seen.servers.has(state.profileId))
      states.value = Object.fromEntries([...answered, ...kept].map((state) => [state.profileId, state]))
    }
    if (current.ok && !seen.settings) settings.value = current.value
    if (recovered.ok) notices.value = recovered.value
  }

  async function retryNow(profileId: string) {
    const result = await api.servers.retryNow({ profileId })
    if (result.ok) states.value = { ...states.value, [profileId]: result.value }
    return result
  }

  async function setAutoSync(autoSync: boolean) {
    const result = await api.settings.set({ autoSync })
    if (result.ok) settings.value = result.value
    return result
  }

  async function setNotifications(notifications: boolean) {
    const result = await api.settings.set({ notifications })
    if (result.ok) settings.value = result.value
    return result
  }

  async function dismissNotice(id: string): Promise<void> {
    notices.value = notices.value.filter((notice) => notice.id !== id)
    await api.app.dismissNotice({ id })
  }

  onScopeDispose(
    api.on('servers.changed', (state) => {
      for (const seen of meanwhile) seen.servers.add(state.profileId)
      states.value = { ...states.value, [state.profileId]: state }
    }),
  )
  onScopeDispose(
    api.on('settings.changed', (next) => {
      for (const seen of meanwhile) seen.settings = true
      settings.value = next
    }),
  )
  onScopeDispose(api.on('app.notice', (notice) => (notices.value = [...notices.value, notice])))

  return {
    states,
    active,
    settings,
    notices,
    hydrate,
    retryNow,
    setAutoSync,
    setNotifications,
    dismissNotice,
  }
})
