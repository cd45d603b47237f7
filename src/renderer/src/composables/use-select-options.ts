import { nextTick, useId, type Ref } from 'vue'
import { FOCUS_BOX } from './use-select-name'

// Naive UI's select menu is a plain stack of divs: a screen reader hears neither that it is a list of
// choices, nor which ones are chosen, nor which one ↑/↓ has reached (the one Enter takes — Naive keeps
// the focus in the select and only marks that option with a class). This makes the menu a named listbox
// and each option an option with its chosen state, and points what has the focus in the select (its box,
// or its search field) at the reached option (aria-activedescendant), following Naive's mark of it.

const REACHED = '.n-base-select-option--pending'
/** What can hold the focus while the menu is open: the select's box, or its search field. */
const FOCUS_HOLDERS = `${FOCUS_BOX}, .n-base-selection input`

interface OptionLike {
  value?: unknown
  type?: string
  disabled?: boolean
}

export function useSelectOptions(
  container: Ref<HTMLElement | null>,
  select: { label: () => string; multiple: () => boolean; chosen: (value: unknown) => boolean },
) {
  const menuId = useId()
  /** One id per option value, kept while the select lives (ids must not move when the list filters). */
  const ids = new Map<unknown, string>()
  const idOf = (value: unknown): string => {
    let id = ids.get(value)
    if (!id) ids.set(value, (id = `${menuId}-option-${ids.size}`))
    return id
  }
  function pointAtReached(): void {
    const reached = document.getElementById(menuId)?.querySelector(REACHED)
    for (const holder of container.value?.querySelectorAll(FOCUS_HOLDERS) ?? []) {
      holder.setAttribute('aria-controls', menuId)
      if (reached?.id) holder.setAttribute('aria-activedescendant', reached.id)
      else holder.removeAttribute('aria-activedescendant')
    }
  }
  /** Naive moves its mark on a key (↑/↓, a letter that filters) or on opening, and draws it after. */
  const follow = () => void nextTick(pointAtReached)

  return {
    menuProps: () => ({
      id: menuId,
      role: 'listbox',
      'aria-label': select.label(),
      'aria-multiselectable': select.multiple() ? ('true' as const) : undefined,
    }),
    nodeProps: (option: OptionLike) =>
      option.type === 'group'
        ? { role: 'presentation' as const }
        : {
            id: idOf(option.value),
            role: 'option',
            'aria-selected': select.chosen(option.value) ? ('true' as const) : ('false' as const),
            'aria-disabled': option.disabled ? ('true' as const) : undefined,
          },
    /** Call on the menu's update:show and on every key pressed in the select. */
    follow,
  }
}
