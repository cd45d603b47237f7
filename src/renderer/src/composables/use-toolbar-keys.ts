import { onBeforeUnmount, onMounted, type Ref } from 'vue'

// A toolbar is one stop of the Tab key, and ←/→ (Home, End) move between its controls: what a screen
// reader announces for role="toolbar", and what a keyboard user then expects. The controls are the
// toolbar's enabled buttons as drawn (Naive's, and those its slot gives it), so they are found again
// whenever its content changes; the one last used keeps the Tab stop.

export function useToolbarKeys(root: Ref<HTMLElement | null>) {
  let current: HTMLElement | null = null
  let observer: MutationObserver | null = null

  const controls = (): HTMLElement[] => [
    ...(root.value?.querySelectorAll<HTMLElement>('button:not([disabled])') ?? []),
  ]

  /** One control takes Tab: the one last used while it is there, else the first. */
  function keepOneStop(): void {
    const list = controls()
    if (!current || !list.includes(current)) current = list[0] ?? null
    for (const control of list) {
      const index = control === current ? 0 : -1
      if (control.tabIndex !== index) control.tabIndex = index
    }
  }

  function onKeydown(event: KeyboardEvent): void {
    const list = controls()
    const at = list.indexOf(document.activeElement as HTMLElement)
    if (at < 0 || event.altKey || event.ctrlKey || event.metaKey) return
    const last = list.length - 1
    const target =
      event.key === 'ArrowRight'
        ? list[at === last ? 0 : at + 1]
        : event.key === 'ArrowLeft'
          ? list[at === 0 ? last : at - 1]
          : event.key === 'Home'
            ? list[0]
            : event.key === 'End'
              ? list[last]
              : undefined
    if (!target) return
    event.preventDefault()
    current = target
    keepOneStop()
    target.focus()
  }

  function onFocusin(event: FocusEvent): void {
    const control = event.target as HTMLElement
    if (!controls().includes(control)) return
    current = control
    keepOneStop()
  }

  onMounted(() => {
    keepOneStop()
    if (!root.value) return
    // Only attributes we do not write ourselves: setting tabindex would wake the observer again.
    observer = new MutationObserver(keepOneStop)
    observer.observe(root.value, { subtree: true, childList: true, attributeFilter: ['disabled'] })
  })
  onBeforeUnmount(() => observer?.disconnect())

  return { onKeydown, onFocusin }
}
