import { computed, onScopeDispose, ref, watch } from 'vue'
import { defineStore } from 'pinia'
import type { ChannelInput } from '@shared/contract/contract'
import type { SaveOutcome } from '@shared/contract/draft-contract'
import type { DraftView, SyncRecord } from '@shared/domain/draft'
import type { Result } from '@shared/result'
import { useBridge } from '@renderer/bridge/use-bridge'
import { useProfilesStore } from './profiles'

// Mirrors the active server's outbox, which main owns: its unsynced drafts and the history of what
// reached the server. Loaded when the active server changes, then kept current by `drafts.changed`
// events (they carry the drafts themselves). Actions ask main and return its Result for the view.

export const useDraftsStore = defineStore('drafts', () => {
  const api = useBridge()
  const profiles = useProfilesStore()

  const loadedFor = ref<string | null>(null)
  const drafts = ref<DraftView[]>([])
  const history = ref<SyncRecord[]>([])
  let requestSeq = 0

  const current = computed(() => (loadedFor.value === profiles.activeId ? drafts.value : []))
  const records = computed(() => (loadedFor.value === profiles.activeId ? history.value : []))
  /** The server whose outbox `drafts` mirrors now; null while the active server's is still loading. */
  const mirroring = computed(() => (loadedFor.value === profiles.activeId ? loadedFor.value : null))

  async function hydrate(): Promise<void> {
    const profileId = profiles.activeId
    const seq = ++requestSeq
    if (!profileId) {
      loadedFor.value = null
      drafts.value = []
      history.value = []
      return
    }
    const result = await api.drafts.list({ profileId })
    if (seq !== requestSeq || !result.ok) return
    loadedFor.value = profileId
    drafts.value = result.value.drafts
    history.value = result.value.history
  }

  /** The token's unsynced drafts, oldest first. */
  function ofToken(tokenId: number): DraftView[] {
    return current.value.filter((draft) => draft.tokenId === tokenId).sort((a, b) => a.seq - b.seq)
  }

  /** The draft an editor of this token changes in place: its newest update draft not being sent. */
  function editableOf(tokenId: number): DraftView | null {
    const own = ofToken(tokenId).filter((draft) => draft.kind === 'update')
    const last = own.at(-1)
    return last && last.state !== 'syncing' ? last : null
  }

  const withProfile = <T>(run: (profileId: string) => Promise<Result<T>>): Promise<Result<T>> => {
    const profileId = profiles.activeId
    if (!profileId)
      return Promise.resolve({ ok: false, error: { code: 'not-found', message: 'No server selected.' } })
    return run(profileId)
  }

  const save = (input: ChannelInput<'drafts.save'>): Promise<Result<SaveOutcome>> => api.drafts.save(input)
  const create = (input: ChannelInput<'drafts.create'>): Promise<Result<SaveOutcome>> =>
    api.drafts.create(input)
  const remove = (input: ChannelInput<'drafts.delete'>): Promise<Result<SaveOutcome>> =>
    api.drafts.delete(input)
  const discard = (draftId: string) => withProfile((profileId) => api.drafts.discard({ profileId, draftId }))
  const sync = (draftId: string | null) => withProfile((profileId) => api.drafts.sync({ profileId, draftId }))
  const resolve = (draftId: string, resolution: ChannelInput<'drafts.resolve'>['resolution']) =>
    withProfile((profileId) => api.drafts.resolve({ profileId, draftId, resolution }))

  watch(
    () => profiles.activeId,
    () => void hydrate(),
    { immediate: true },
  )

  onScopeDispose(
    api.on('drafts.changed', (event) => {
      if (event.profileId !== loadedFor.value) return
      const gone = new Set([...event.removedIds, ...event.drafts.map((draft) => draft.id)])
      drafts.value = [...drafts.value.filter((draft) => !gone.has(draft.id)), ...event.drafts]
      if (event.history.length > 0) history.value = [...history.value, ...event.history]
    }),
  )

  return {
    drafts: current,
    history: records,
    mirroring,
    hydrate,
    ofToken,
    editableOf,
    save,
    create,
    remove,
    discard,
    sync,
    resolve,
  }
})
