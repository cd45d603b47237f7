import { onMounted, onUnmounted } from 'vue'

// Window-wide keys (the shell's Ctrl+K, the tokens screen's own). Letter keys act only when the user is not typing and no dialog
// or drawer has the focus; the ones with Ctrl/⌘ or Alt act anywhere (a control that uses the same keys
// itself, such as the Auto order's Alt+↑/↓, takes them first by preventing the default). Browsers keep Ctrl+N, Ctrl+T and Ctrl+W for
// themselves (the browser host runs in one), so new-token is a plain N, as in mail and issue trackers.

export interface Shortcut {
  /** `KeyboardEvent.key`, lower case for letters. */
  key: string
  /** Ctrl on Windows and Linux, ⌘ on macOS. */
  mod?: boolean
  alt?: boolean
  run: () => void
}

/** Fields that take typed text: a checkbox, radio or button with the focus takes no letters. */
const TEXT_ENTRY =
  'input:not([type="checkbox"], [type="radio"], [type="button"], [type="submit"], [type="reset"], [type="range"], [type="color"]), textarea, select, [role="combobox"]'

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || target.matches(TEXT_ENTRY))

const inOverlay = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && target.closest('[role="dialog"], .n-drawer, .n-modal') !== null

export function useShortcuts(shortcuts: () => readonly Shortcut[]): void {
  function onKeydown(event: KeyboardEvent): void {
    if (event.defaultPrevented) return
    const mod = event.ctrlKey || event.metaKey
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key
    const found = shortcuts().find(
      (shortcut) =>
        shortcut.key === key && Boolean(shortcut.mod) === mod && Boolean(shortcut.alt) === event.altKey,
    )
    if (!found) return
    if (!found.mod && !found.alt && (isTyping(event.target) || inOverlay(event.target))) return
    event.preventDefault()
    found.run()
  }
  onMounted(() => window.addEventListener('keydown', onKeydown))
  onUnmounted(() => window.removeEventListener('keydown', onKeydown))
}
