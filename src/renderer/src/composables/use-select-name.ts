import { onMounted, onUpdated, type Ref } from 'vue'

// A Naive UI select takes keyboard focus on an inner box (its tags, or its label), not on an <input>, and
// a searchable select renders its search input only while open — so neither <label for> nor input-props
// names what a keyboard or screen-reader user lands on, and the box reads as its contents plus Naive's
// fixed English icon names ("vip close loading"). This makes the box a named combobox after each render
// (Vue does not manage these attributes there, so they stay); `shown` follows the menu's state. The
// whole select is searched, so a select given several boxes over time is named whichever it shows.

/** The inner box a Naive select takes keyboard focus on. */
export const FOCUS_BOX = '.n-base-selection-tags[tabindex], .n-base-selection-label[tabindex]'

export function useSelectName(
  container: Ref<HTMLElement | null>,
  label: () => string,
): { shown: (show: boolean) => void } {
  let expanded = false
  const apply = () => {
    const box = container.value?.querySelector(FOCUS_BOX)
    if (!box) return
    box.setAttribute('role', 'combobox')
    box.setAttribute('aria-label', label())
    box.setAttribute('aria-haspopup', 'listbox')
    box.setAttribute('aria-expanded', String(expanded))
  }
  onMounted(apply)
  onUpdated(apply)
  return {
    shown: (show: boolean) => {
      expanded = show
      apply()
    },
  }
}
