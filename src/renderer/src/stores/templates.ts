import { onScopeDispose, ref } from 'vue'
import { defineStore } from 'pinia'
import type { TemplatesState } from '@shared/contract/template-contract'
import type { TemplateSave, TokenTemplate } from '@shared/domain/token-template'
import type { AppErrorData, Result } from '@shared/result'
import { useBridge } from '@renderer/bridge/use-bridge'

// Mirrors main's token templates. Main owns them: every action asks main, then takes its answer or its
// `templates.changed` event (or reads the list again); nothing is edited here. Loaded on first use (the manager, the editor's
// template choice), not with the first screen.

export const useTemplatesStore = defineStore('templates', () => {
  const api = useBridge()
  const templates = ref<TokenTemplate[]>([])
  const loaded = ref(false)
  const loadError = ref<AppErrorData | null>(null)

  function apply(state: TemplatesState): void {
    templates.value = state.templates
    loaded.value = true
    loadError.value = null
  }

  onScopeDispose(api.on('templates.changed', apply))

  let loading: Promise<unknown> | null = null
  /** Reads the templates once (again after a failure); later changes arrive as events. */
  async function hydrate(): Promise<void> {
    if (loaded.value) return
    loading ??= api.templates.list().then((result) => {
      if (result.ok) apply(result.value)
      else loadError.value = result.error
      loading = null
    })
    await loading
  }

  /** After a change: main's list at once (its event may arrive after the answer). */
  async function reload<T>(result: Result<T>): Promise<Result<T>> {
    if (!result.ok) return result
    const listed = await api.templates.list()
    if (listed.ok) apply(listed.value)
    return result
  }

  async function save(input: TemplateSave): Promise<Result<TokenTemplate>> {
    return reload(await api.templates.save(input))
  }

  async function remove(id: string): Promise<Result<null>> {
    return reload(await api.templates.delete({ id }))
  }

  async function duplicate(id: string): Promise<Result<TokenTemplate>> {
    return reload(await api.templates.duplicate({ id }))
  }

  return { templates, loaded, loadError, hydrate, save, remove, duplicate }
})
