import { nextTick } from 'vue'

// Naive UI's dropdown reads ↑/↓ and Enter from the whole page and marks the item they reach with a
// class; the focus stays on the button that opened it, so a screen reader heard nothing while the user
// moved through the items. As a menu button's menu does, the menu takes the focus when it opens, and
// names the item reached as its active descendant after each key (the menu's items need `itemId` ids).

const REACHED = '.n-dropdown-option-body--pending'

export function useMenuReached(menuId: string) {
  function pointAtReached(): void {
    const menu = document.getElementById(menuId)
    if (!menu) return
    const item = menu.querySelector(REACHED)?.closest('[role="menuitem"]')
    if (item?.id) menu.setAttribute('aria-activedescendant', item.id)
    else menu.removeAttribute('aria-activedescendant')
  }
  return {
    itemId: (key: unknown) => `${menuId}-item-${String(key)}`,
    /** Once the menu is drawn: the focus goes into it. */
    opened: async (): Promise<void> => {
      await nextTick()
      const menu = document.getElementById(menuId)
      if (!menu) return
      menu.tabIndex = -1
      menu.focus({ preventScroll: true })
      requestAnimationFrame(pointAtReached)
    },
    /** After a key the menu may have read: its mark is drawn by the next frame. */
    followKey: (): void => void requestAnimationFrame(pointAtReached),
  }
}
