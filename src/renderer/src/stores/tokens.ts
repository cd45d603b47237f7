import { computed, onScopeDispose, ref, watch } from 'vue'
import { defineStore } from 'pinia'
import type { TokenList } from '@shared/contract/contract'
import type { Token } from '@shared/domain/token'
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

  const list = ref<TokenList | null>(null)
  const loading = ref(false)
  const error = ref<AppErrorData | null>(null)
  let requestSeq = 0

  // Never show one server's tokens under another server's name while a reload is in flight.
  const current = computed(() =>
    list.value && list.value.profileId === profiles.activeId ? list.value : null,
  )
  const tokens = computed<Token[]>(() => current.value?.tokens ?? [])
  const profileId = computed(() => current.value?.profileId ?? null)
  const server = computed(() => current.value?.server ?? profiles.active?.server ?? null)
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
    loading.value = true
    const result = await api.tokens.list({ profileId: profiles.activeId })
    if (seq !== requestSeq) return result // a newer reload (or server switch) superseded this one
    loading.value = false
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

  // The list shown is the one last fetched, and the server answers again: fetch it.
  watch(
    () => servers.active?.reach.state,
    (state) => {
      if (state === 'online' && current.value?.source === 'cache' && !loading.value) void reload()
    },
  )

  onScopeDispose(
    api.on('tokens.changed', (event) => {
      if (event.profileId === list.value?.profileId) apply(event.tokens, event.removedIds)
    }),
  )

  return { tokens, profileId, server, fetchedAt, stale, loading, error, reload }
})
