import { onScopeDispose, watch, type Ref } from 'vue'
import { focusWhenDrawn } from '@renderer/lib/focus-when-drawn'

// A section opened from anywhere but its own button in the header — the command palette, the desktop
// menu, a link on another screen — takes the control that had the focus away with the screen it was on.
// A keyboard user was left at the top of the page with nothing said. The new screen (its labelled
// section) takes the focus then: it is read by name, and the next Tab goes into it. Focus that is still
// somewhere (the header's button that switched) stays where it is.

/**
 * Marks a screen that took the focus as the place to start from: what opens from it (the editor, when a
 * screen switched to show it) gives the focus back to its own place rather than to the screen.
 */
export const SCREEN_START = 'data-screen-start'

/** The focus is on something still on the page, other than the palette closing over it. */
function focusIsPlaced(): boolean {
  const now = document.activeElement
  if (!(now instanceof HTMLElement) || now === document.body || !now.isConnected) return false
  return now.closest('.palette') === null
}

export function useSectionFocus(section: Ref<string>, main: () => HTMLElement | null): void {
  let stop = (): void => {}
  onScopeDispose(() => stop())
  // After the render: the screen left is gone by then, and the new one is there or on its way (a screen
  // that loads when first opened comes a few frames later).
  watch(
    section,
    () => {
      stop()
      stop = focusWhenDrawn(() => {
        if (focusIsPlaced()) return false
        const screen = main()?.querySelector<HTMLElement>('section[aria-label], section[aria-labelledby]')
        if (!screen) return null
        // A place to start from, not a Tab stop of its own, nor a control to give the focus back to.
        if (!screen.hasAttribute('tabindex')) screen.setAttribute('tabindex', '-1')
        screen.setAttribute(SCREEN_START, '')
        return screen
      })
    },
    { flush: 'post' },
  )
}
