// Escape in an open select menu closes the menu — and nothing else: the editor drawer closes on Escape
// too, and Naive UI lets the key bubble on. Put `capture` and `bubble` on an element around the select
// and `shown` on its update:show. Whether the menu was open is read as the key arrives (the select closes
// its menu before the key bubbles out of it).
export function useMenuEscape() {
  let open = false
  let wasOpen = false
  return {
    shown: (show: boolean) => {
      open = show
    },
    capture: (event: KeyboardEvent) => {
      if (event.key === 'Escape') wasOpen = open
    },
    bubble: (event: KeyboardEvent) => {
      if (event.key === 'Escape' && wasOpen) event.stopPropagation()
      wasOpen = false
    },
  }
}
