import { computed, onScopeDispose, ref, watch } from 'vue'
import { defineStore } from 'pinia'
import type { TokenList, TokenUpdateInput } from '@shared/contract/contract'
import type { Token } from '@shared/domain/token'
import type { AppErrorData, Result } from '@shared/result'
import { useBridge } from '@renderer/bridge/use-bridge'
import { useProfilesStore } from './profiles'

// Mirrors the token list main holds for the active server: loaded when the active server changes,
// refreshed when main says tokens changed, patched with the token main returns after an update.

/** Beyond this many changed ids one list call is cheaper than fetching each token. */
const MAX_SINGLE_FETCHES = 10
/** Our own saves come back as `tokens.changed` too; the returned token is already fresh. */
const OWN_UPDATE_GRACE_MS = 5_000

export const useTokensStore = defineStore('tokens', () => {
  const api = useBridge()
  const profiles = useProfilesStore()

  const list = ref<TokenList | null>(null)
  const loading = ref(false)
  const error = ref<AppErrorData | null>(null)
  const ownUpdates = new Map<number, number>()
  let requestSeq = 0

  // Never show one server's tokens under another server's name while a reload is in flight.
  const current = computed(() =>
    list.value && list.value.profileId === profiles.activeId ? list.value : null,
  )
  const tokens = computed<Token[]>(() => current.value?.tokens ?? [])
  const profileId = computed(() => current.value?.profileId ?? null)
  const server = computed(() => current.value?.server ?? profiles.active?.server ?? null)
  const fetchedAt = computed(() => current.value?.fetchedAt ?? null)

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

  function replace(token: Token): void {
    if (!list.value) return
    const index = list.value.tokens.findIndex((t) => t.id === token.id)
    if (index >= 0) list.value.tokens.splice(index, 1, token)
    else list.value.tokens.unshift(token)
  }

  function forget(id: number): void {
    if (!list.value) return
    list.value.tokens = list.value.tokens.filter((t) => t.id !== id)
  }

  async function refreshSome(ids: number[]): Promise<void> {
    const now = Date.now()
    const wanted = ids.filter((id) => now - (ownUpdates.get(id) ?? 0) > OWN_UPDATE_GRACE_MS)
    if (ids.length > 0 && wanted.length === 0) return
    const known = new Set(tokens.value.map((t) => t.id))
    if (wanted.length === 0 || wanted.length > MAX_SINGLE_FETCHES || !wanted.every((id) => known.has(id))) {
      await reload()
      return
    }
    const profileId = profiles.activeId
    if (!profileId) return
    for (const id of wanted) {
      const result = await api.tokens.get({ profileId, id })
      if (profiles.activeId !== profileId) return
      if (result.ok) replace(result.value)
      else if (result.error.code === 'not-found') forget(id)
    }
  }

  /** Saves into the server named by `input.profileId` (the one the editor was opened for). */
  async function update(input: TokenUpdateInput): Promise<Result<Token>> {
    const result = await api.tokens.update(input)
    if (result.ok && list.value?.profileId === input.profileId) {
      ownUpdates.set(result.value.id, Date.now())
      replace(result.value)
    }
    return result
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

  onScopeDispose(
    api.on('tokens.changed', (event) => {
      if (event.profileId === profiles.activeId) void refreshSome(event.tokenIds)
    }),
  )

  return { tokens, profileId, server, fetchedAt, loading, error, reload, update }
})
