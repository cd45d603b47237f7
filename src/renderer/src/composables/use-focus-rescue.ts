import { onMounted, onUnmounted } from 'vue'
import { isDrawn } from '@renderer/lib/focus-when-drawn'

// Focus that falls to nothing because its control went away — the selection bar's buttons once the
// selection is cleared or deleted, a button disabled while its action runs, a dialog's button once the
// dialog closes over rows that are gone — would leave a keyboard user at the top of the page, their next
// Tab starting over. A screen puts it on its own place instead (the table's current row). Focus the user
// let go of (a click on empty space, another window) is left alone: its control is still there.

export function useFocusRescue(place: () => HTMLElement | null | undefined): void {
  function onFocusout(event: FocusEvent): void {
    if (event.relatedTarget) return
    const lost = event.target
    if (!(lost instanceof HTMLElement)) return
    // A frame later: whatever moves the focus on purpose (a dialog giving it back, a row taking it) has.
    requestAnimationFrame(() => {
      const now = document.activeElement
      if (now && now !== document.body) return
      if (lost.isConnected && !lost.matches(':disabled') && isDrawn(lost)) return
      place()?.focus({ preventScroll: true })
    })
  }
  onMounted(() => document.addEventListener('focusout', onFocusout, { capture: true }))
  onUnmounted(() => document.removeEventListener('focusout', onFocusout, { capture: true }))
}
