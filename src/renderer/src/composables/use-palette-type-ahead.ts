import { onMounted, onUnmounted, watch } from 'vue'
import type { Palette } from './use-palette'

// Ctrl+K and straight on typing: the palette's field takes the focus only once it is drawn — a frame or
// two after it is asked for, and after its chunk has loaded the first time (over 60 ms in Chromium on a
// busy machine). Meanwhile the keys went wherever the focus was: into the search field, or to the
// screen's own keys (N opened a new token, R refreshed), and the palette lost the first letters. Until
// its field has the focus, what is typed is kept for it instead; Enter is kept as "run the first match",
// Escape closes it.

const isPaletteField = (element: Element | null): boolean =>
  element instanceof HTMLElement && element.closest('.palette') !== null

export function usePaletteTypeAhead(palette: Palette): void {
  function onKeydown(event: KeyboardEvent): void {
    if (!palette.open.value || isPaletteField(document.activeElement)) return
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return
    const ahead = palette.typedAhead.value
    if (event.key.length === 1) ahead.text += event.key
    else if (event.key === 'Backspace') ahead.text = ahead.text.slice(0, -1)
    else if (event.key === 'Enter') ahead.submit = true
    else if (event.key === 'Escape') palette.open.value = false
    else return
    event.preventDefault()
    event.stopImmediatePropagation()
  }
  // Closed before its field took it: nothing of it is left for the next opening.
  watch(palette.open, (open) => {
    if (!open) palette.typedAhead.value = { text: '', submit: false }
  })
  // Capturing, on the window: ahead of every other listener, whichever element has the focus.
  onMounted(() => window.addEventListener('keydown', onKeydown, { capture: true }))
  onUnmounted(() => window.removeEventListener('keydown', onKeydown, { capture: true }))
}
