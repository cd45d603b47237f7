import { watch, type Ref } from 'vue'
import type { OverlaidRow } from '@shared/domain/draft-overlay'

// The table recycles its row elements: after a filter, a sort or a change, the element at a position
// shows whichever token is there now (patching text is several times cheaper than building rows anew).
// Focus would then stay on the same element while it shows another token — Enter on a focused "Delete"
// would act on a token the user never chose. So the focus follows the token: to the same control in the
// row that shows it now, scrolled into view; or, when it is no longer shown, to the name cell of the
// row at the same place, which does nothing by itself.

/** The control a focused element is, within its row: `data-action` on buttons, `data-cell` on cells. */
const controlOf = (element: Element): string | null =>
  element.closest<HTMLElement>('[data-action]')?.dataset.action ??
  element.closest<HTMLElement>('[data-cell]')?.dataset.cell ??
  null

export function useFocusFollowsToken(
  scroller: Ref<HTMLElement | null>,
  rows: () => readonly OverlaidRow[],
  focusRow: (index: number, control?: string) => Promise<void>,
) {
  let focused: { tokenId: number; control: string } | null = null

  function remember(target: Element): void {
    const row = target.closest<HTMLElement>('[data-token-id]')
    const control = controlOf(target)
    focused = row && control ? { tokenId: Number(row.dataset.tokenId), control } : null
  }

  /**
   * The focus moved on to something outside the table (the search, a filter chip): what it had is
   * forgotten, so that a later change of rows does not take the focus back from wherever that goes next.
   * Focus lost to nothing (`next` null: its element was removed, or the window was left) is still followed.
   */
  function leave(next: Element | null): void {
    if (next && !scroller.value?.contains(next)) focused = null
  }

  watch(
    rows,
    (list) => {
      const active = document.activeElement
      // Only when the focus is in the table, or was lost with an element the patch removed.
      if (!focused || (active && active !== document.body && !scroller.value?.contains(active))) return
      const { tokenId, control } = focused
      const shownId = Number(active?.closest<HTMLElement>('[data-token-id]')?.dataset.tokenId)
      if (shownId === tokenId && active && controlOf(active) === control) return
      const index = list.findIndex((row) => row.token.id === tokenId)
      if (index >= 0) void focusRow(index, control)
      else if (active && scroller.value?.contains(active)) {
        const row = active.closest<HTMLElement>('[aria-rowindex]')
        const at = Math.min(Number(row?.getAttribute('aria-rowindex') ?? 2) - 2, list.length - 1)
        focused = null
        // No rows left: nothing could be acted on, so the focus may go back to the page.
        if (at >= 0) void focusRow(at)
      }
    },
    { flush: 'post' },
  )

  return { remember, leave }
}
