import { ref } from 'vue'
import { defineStore } from 'pinia'
import { DEFAULT_SERVER_VIEW, type ServerView } from '@shared/domain/server-view'
import { useBridge } from '@renderer/bridge/use-bridge'

// Each server's view state (search, sort, page, scroll, open editor), kept by main per server so that
// switching servers and restarting come back to the same place. Changes are saved a moment after the
// last one (scrolling changes it many times a second) and at once when the page is hidden.

const SAVE_AFTER_MS = 400

export const useViewsStore = defineStore('views', () => {
  const api = useBridge()
  const views = ref<Record<string, ServerView>>({})
  const dirty = new Set<string>()
  let timer: ReturnType<typeof setTimeout> | null = null

  async function load(profileId: string): Promise<ServerView> {
    const known = views.value[profileId]
    if (known) return known
    const result = await api.views.get({ profileId })
    const view = result.ok ? result.value : structuredClone(DEFAULT_SERVER_VIEW)
    views.value[profileId] ??= view
    return views.value[profileId]
  }

  /** Changes a loaded server's view (one never loaded is not overwritten with defaults). */
  function update(profileId: string, patch: Partial<ServerView>): void {
    const current = views.value[profileId]
    if (!current) return
    views.value[profileId] = { ...current, ...patch }
    dirty.add(profileId)
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => void flush(), SAVE_AFTER_MS)
  }

  async function flush(): Promise<void> {
    if (timer) clearTimeout(timer)
    timer = null
    const ids = [...dirty]
    dirty.clear()
    // A server removed meanwhile answers not-found: nothing to keep for it.
    // A plain copy: the state is reactive, and the Electron bridge cannot clone a proxy.
    const plain = (profileId: string): ServerView => JSON.parse(JSON.stringify(views.value[profileId]))
    await Promise.all(ids.map((profileId) => api.views.set({ profileId, view: plain(profileId) })))
  }

  if (typeof document !== 'undefined') {
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') void flush()
    })
  }

  return { views, load, update, flush }
})
