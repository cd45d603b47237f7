import { isDrawn } from './focus-when-drawn'

// What a dialog focuses when it opens: the first control of its content, so that the user can type at
// once (the header's Close button came first in the page and took the focus, drawn as a ring on ✕).
// In a group of radio buttons that is the checked one, the group's own tab stop.

const FOCUSABLE = [
  'input:not([disabled]):not([type="hidden"])',
  'textarea:not([disabled])',
  'select:not([disabled])',
  'button:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(', ')

export function firstField(container: HTMLElement): HTMLElement | null {
  const first = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].find(isDrawn) ?? null
  if (first instanceof HTMLInputElement && first.type === 'radio' && first.name) {
    const group = container.querySelectorAll<HTMLInputElement>(
      `input[type="radio"][name="${CSS.escape(first.name)}"]`,
    )
    return [...group].find((radio) => radio.checked) ?? first
  }
  return first
}

/** The controls Tab stops at within `container`, in page order (drawn, not taken out by tabindex="-1"). */
export function tabStops(container: ParentNode): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (element) => element.tabIndex >= 0 && isDrawn(element),
  )
}
