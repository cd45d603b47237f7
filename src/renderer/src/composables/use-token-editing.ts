import { shallowRef } from 'vue'
import { draftBaseOf } from '@shared/domain/draft-base'
import { overlayToken, type OverlaidRow } from '@shared/domain/draft-overlay'
import { useDraftsStore } from '@renderer/stores/drafts'
import { useProfilesStore } from '@renderer/stores/profiles'
import { useTokensStore } from '@renderer/stores/tokens'
import type { EditorTarget } from './use-editor-session'

// Which token the editor drawer shows: one of the table's rows, a new token, or the next/previous row
// as the table shows them (Alt+↓/↑ in the editor). The editor belongs to the server its token was
// listed from, captured when it opens.

export function useTokenEditing(shown: () => readonly OverlaidRow[], focusRow: (index: number) => void) {
  const tokens = useTokensStore()
  const profiles = useProfilesStore()
  const drafts = useDraftsStore()
  const editing = shallowRef<EditorTarget | null>(null)

  function openEditor(row: OverlaidRow): void {
    const profileId = tokens.profileId
    if (!profileId) return
    if (row.creating) {
      editing.value = { profileId, base: null, draft: row.drafts[0] ?? null }
      return
    }
    const listed = tokens.tokens.find((token) => token.id === row.token.id)
    if (!listed) return
    // The editor continues the token's newest draft that is not being sent; the other drafts are part
    // of what the user sees, so they are part of the base.
    const draft = drafts.editableOf(listed.id)
    const others = drafts.ofToken(listed.id).filter((candidate) => candidate.id !== draft?.id)
    const base = draft?.base ?? draftBaseOf(overlayToken(listed, others).token)
    editing.value = { profileId, base, draft }
  }

  // A new token needs the server, not its list: it can be started while the list is still being read.
  function createToken(): void {
    if (profiles.activeId) editing.value = { profileId: profiles.activeId, base: null, draft: null }
  }

  function step(direction: 1 | -1): void {
    const open = editing.value
    if (!open) return
    const rows = shown()
    const at = rows.findIndex((row) =>
      open.base
        ? !row.creating && row.token.id === open.base.id
        : row.creating && row.drafts[0]?.id === open.draft?.id,
    )
    const next = rows[at + direction]
    if (at < 0 || !next) return
    openEditor(next)
    focusRow(at + direction)
  }

  return { editing, openEditor, createToken, step }
}
