import { nextTick, onUnmounted, ref, watch, type Ref, type ShallowRef } from 'vue'
import type { OverlaidRow } from '@shared/domain/draft-overlay'
import type { ServerView } from '@shared/domain/server-view'
import { NO_FILTER, type TokenFilter } from '@shared/domain/token-filter'
import type { TokenSort } from '@shared/domain/token-sort'
import { useDraftsStore } from '@renderer/stores/drafts'
import { useProfilesStore } from '@renderer/stores/profiles'
import { useTokensStore } from '@renderer/stores/tokens'
import { useViewsStore } from '@renderer/stores/views'
import type { EditorTarget } from './use-editor-session'

// The tokens screen as the user left it on each server — search, filters, sort, columns, scroll position
// and the editor that was open — saved as it changes and brought back when the server is shown again (after a
// switch, a reload or a restart). The editor's unsaved input itself lives in its draft (main keeps it
// as it is typed), so reopening the editor on the same token brings the input back too.

export interface ServerViewDeps {
  query: Ref<string>
  editing: ShallowRef<EditorTarget | null>
  rows: Ref<OverlaidRow[]>
  openEditor: (row: OverlaidRow) => void
  /** Scrolls the token table (when it is on screen). */
  scrollTo: (top: number) => void
}

export function useServerView(deps: ServerViewDeps) {
  const profiles = useProfilesStore()
  const tokens = useTokensStore()
  const drafts = useDraftsStore()
  const views = useViewsStore()
  const sort = ref<TokenSort | null>(null)
  const filter = ref<TokenFilter>(NO_FILTER)
  const hiddenColumns = ref<string[]>([])
  const columnWidths = ref<Record<string, number>>({})
  /** What is still to be brought back once the server's rows (and drafts) are there. */
  let pending: { profileId: string; editor: ServerView['editor']; scrollTop: number } | null = null
  /**
   * The server whose view the screen shows. Changes are saved for it only: not while another server's
   * view is being loaded (closing the editor on a switch must not erase the next server's), not for a
   * server the screen has moved away from.
   */
  let shownFor: string | null = null

  watch(
    () => profiles.activeId,
    async (profileId) => {
      shownFor = null
      pending = null
      deps.editing.value = null
      if (!profileId) return
      const view = await views.load(profileId)
      if (profiles.activeId !== profileId) return
      deps.query.value = view.query
      sort.value = view.sort
      filter.value = view.filter
      hiddenColumns.value = view.hiddenColumns
      columnWidths.value = view.columnWidths
      await nextTick()
      if (profiles.activeId !== profileId) return
      shownFor = profileId
      pending = { profileId, editor: view.editor, scrollTop: view.scrollTop }
      void restore()
    },
    { immediate: true },
  )

  // A sort by a column not shown orders the rows with no mark of it anywhere, and only showing the
  // column again could undo it: hiding the column the table is sorted by ends that sort.
  watch(hiddenColumns, (hidden) => {
    if (sort.value && hidden.includes(sort.value.column)) sort.value = null
  })

  const save = (patch: Partial<ServerView>, profileId = shownFor) => {
    if (profileId && profileId === shownFor && profileId === profiles.activeId) views.update(profileId, patch)
  }
  watch([deps.query, sort, filter, hiddenColumns, columnWidths], () =>
    save({
      query: deps.query.value,
      sort: sort.value,
      filter: filter.value,
      hiddenColumns: hiddenColumns.value,
      columnWidths: columnWidths.value,
    }),
  )
  watch(deps.editing, (target) => {
    if (pending?.editor && !target) return // not yet brought back: not closed by the user either
    const editor = target ? { tokenId: target.base?.id ?? null, draftId: target.draft?.id ?? null } : null
    save({ editor })
  })

  /** Brings back the scroll position and the editor once the server's rows and drafts are loaded. */
  async function restore(): Promise<void> {
    const wanted = pending
    if (!wanted || tokens.profileId !== wanted.profileId || tokens.fetchedAt === null) return
    if (drafts.mirroring !== wanted.profileId) return
    pending = null
    await nextTick()
    deps.scrollTo(wanted.scrollTop)
    const editor = wanted.editor
    if (!editor) return
    const row =
      editor.tokenId !== null
        ? deps.rows.value.find((candidate) => !candidate.creating && candidate.token.id === editor.tokenId)
        : deps.rows.value.find(
            (candidate) => candidate.creating && candidate.drafts[0]?.id === editor.draftId,
          )
    if (row) deps.openEditor(row)
    else if (editor.tokenId === null && editor.draftId === null && tokens.profileId) {
      deps.editing.value = { profileId: tokens.profileId, base: null, draft: null }
    }
  }
  watch(
    () => [tokens.profileId, tokens.fetchedAt, drafts.mirroring],
    () => void restore(),
  )

  let scrollTimer: ReturnType<typeof setTimeout> | null = null
  /** The table was scrolled: kept a moment after the last scroll event, for the server scrolled. */
  function scrolled(top: number): void {
    if (scrollTimer) clearTimeout(scrollTimer)
    const server = shownFor
    scrollTimer = setTimeout(() => save({ scrollTop: Math.round(top) }, server), 150)
  }
  onUnmounted(() => {
    if (scrollTimer) clearTimeout(scrollTimer)
  })

  return { sort, filter, hiddenColumns, columnWidths, scrolled }
}
