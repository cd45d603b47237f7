import { onScopeDispose, watch } from 'vue'
import type { OverlaidRow } from '@shared/domain/draft-overlay'

// A token just created in the editor: once its row is in the table, the focus moves on from where the
// editor gave it back (New token) to that row's key actions. The new token is seen where it landed,
// and its key is one Enter away (Copy key is the menu's first item) — a keyboard user otherwise had
// about ten Tabs to the notice's Copy key. Not when the user has moved the focus meanwhile, nor when
// the row is not shown (a filter hides it) within a few seconds.

const WAIT_FOR_ROW_MS = 3_000

export function useCreatedRowFocus(
  rows: () => readonly OverlaidRow[],
  focusRow: (index: number, control: string) => Promise<void> | undefined,
): (tokenId: number) => void {
  let stop = (): void => {}
  onScopeDispose(() => stop())

  return (tokenId) => {
    stop()
    const from = document.activeElement
    let done = false
    const finish = () => {
      done = true
      stop()
    }
    const look = (list: readonly OverlaidRow[]) => {
      if (done) return
      if (document.activeElement !== from) return finish()
      const index = list.findIndex((row) => !row.creating && row.token.id === tokenId)
      if (index < 0) return
      finish()
      void focusRow(index, 'keys')
    }
    const unwatch = watch(rows, look)
    const timer = setTimeout(finish, WAIT_FOR_ROW_MS)
    stop = () => {
      clearTimeout(timer)
      unwatch()
    }
    look(rows())
  }
}
