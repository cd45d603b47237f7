import { computed, onScopeDispose, ref, shallowRef, watch } from 'vue'
import { defineStore } from 'pinia'
import type { TokenList } from '@shared/contract/contract'
import type { Token } from '@shared/domain/token'
import { DEFAULT_SERVER_FACTS } from '@shared/domain/server-facts'
import type { AppErrorData, Result } from '@shared/result'
import { useBridge } from '@renderer/bridge/use-bridge'
import { useProfilesStore } from './profiles'
import { useServersStore } from './servers'

// Mirrors the token list main holds for the active server: loaded when the active server changes (main
// answers with the list as last fetched when the server cannot be reached — and it is loaded again as soon
// as the server is back), and kept current by main's `tokens.changed` events, which carry the changed
// rows themselves — nothing is read again after a save.

export const useTokensStore = defineStore('tokens', () => {
  const api = useBridge()
  const profiles = useProfilesStore()
  const servers = useServersStore()

  const list = shallowRef<TokenList | null>(null)
  const loading = ref(false)
  const error = ref<AppErrorData | null>(null)
  /** A listing under way: rows read so far, of how many (null: the server does not say). */
  const progress = ref<{ profileId: string; loaded: number; total: number | null } | null>(null)
  let requestSeq = 0

  // Never show one server's tokens under another server's name while a reload is in flight.
  const current = computed(() =>
    list.value && list.value.profileId === profiles.activeId ? list.value : null,
  )
  const tokens = computed<Token[]>(() => current.value?.tokens ?? [])
  const profileId = computed(() => current.value?.profileId ?? null)
  // The saved server's facts first: they follow what main learns later (a name limit taught by a
  // refusal), while the listing's copy is as of when it was read.
  const server = computed(() => profiles.active?.server ?? current.value?.server ?? null)
  const fetchedAt = computed(() => current.value?.fetchedAt ?? null)
  /** Set when the list shown is the one last fetched, because the server could not be read now. */
  const stale = computed(() => (current.value?.source === 'cache' ? current.value.error : null))

  async function reload(): Promise<Result<TokenList> | null> {
    if (!profiles.activeId) {
      requestSeq++
      loading.value = false
      list.value = null
      error.value = null
      return null
    }
    const seq = ++requestSeq
    const profileId = profiles.activeId
    loading.value = true
    progress.value = { profileId, loaded: 0, total: null }
    const listing = api.tokens.list({ profileId })
    // What was fetched last time shows at once (it is on this computer), while the server is read again;
    // asked alongside the listing, not before it.
    if (!list.value || list.value.profileId !== profileId) {
      void api.tokens.cached({ profileId }).then((cached) => {
        const fresher = list.value?.profileId === profileId && list.value.fetchedAt !== null
        if (seq === requestSeq && loading.value && !fresher && cached.ok && cached.value.fetchedAt !== null)
          list.value = cached.value
      })
    }
    const result = await listing
    if (seq !== requestSeq) return result // a newer reload (or server switch) superseded this one
    loading.value = false
    progress.value = null
    if (result.ok) {
      list.value = result.value
      error.value = null
    } else {
      error.value = result.error
    }
    return result
  }

  function apply(changed: Token[], removedIds: number[]): void {
    if (!list.value) return
    const gone = new Set(removedIds)
    const byId = new Map(changed.map((token) => [token.id, token]))
    const next = list.value.tokens
      .filter((token) => !gone.has(token.id))
      .map((token) => byId.get(token.id) ?? token)
    const known = new Set(next.map((token) => token.id))
    for (const token of changed) if (!known.has(token.id)) next.push(token)
    list.value = { ...list.value, tokens: next.sort((a, b) => b.id - a.id) }
  }

  watch(
    () => profiles.activeId,
    () => {
      list.value = null
      error.value = null
      void reload()
    },
    { immediate: true },
  )

  // The list shown is the one last fetched, and the server answers again: fetch it. Likewise once a
  // refused access token is replaced (or "Retry now" pressed): the state goes back to "not contacted
  // yet", and nothing else would contact the server until the user pressed Refresh.
  watch(
    () => servers.active?.reach.state,
    (state, previous) => {
      if (loading.value) return
      if (state === 'online' && current.value?.source === 'cache') void reload()
      else if (state === 'unknown' && (previous === 'auth-refused' || previous === 'needs-token'))
        void reload()
    },
  )

  onScopeDispose(
    api.on('tokens.changed', (event) => {
      if (event.profileId === list.value?.profileId) apply(event.tokens, event.removedIds)
    }),
  )

  // Pages of a listing as they arrive: counted for the progress shown, and — on a first visit, with no
  // list kept from before — shown at once, so the first rows appear after one round trip.
  onScopeDispose(
    api.on('tokens.progress', (event) => {
      if (!loading.value || progress.value?.profileId !== event.profileId) return
      progress.value = { profileId: event.profileId, loaded: event.loaded, total: event.total }
      if (list.value?.profileId === event.profileId && list.value.fetchedAt !== null) return
      const shown = list.value?.profileId === event.profileId ? list.value.tokens : []
      const known = new Set(shown.map((token) => token.id))
      const fresh = event.tokens.filter((token) => !known.has(token.id))
      list.value = {
        profileId: event.profileId,
        tokens: [...shown, ...fresh].sort((a, b) => b.id - a.id),
        fetchedAt: null,
        server: profiles.active?.server ?? DEFAULT_SERVER_FACTS,
        source: 'server',
        error: null,
      }
    }),
  )

  return { tokens, profileId, server, fetchedAt, stale, loading, progress, error, reload }
})
