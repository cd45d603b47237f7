import { firstField } from './first-field'

// Naive's form items show a field's message — its issue, or its help — under the control, but tie
// neither to it: a screen reader read "Name, 70 / 50 bytes" without "At most 50 bytes…", and an invalid
// field as a valid one. Within a form this keeps every item's message linked to its control: the control
// is described by the message while there is one (beside what describes it already), and marked invalid
// while the message is an error. Only what is added here is taken away again.

const ITEM = '.n-form-item'
const FEEDBACK = ':scope > .n-form-item-feedback-wrapper'
const ERROR = '.n-form-item-feedback--error'

let issued = 0

interface Linked {
  feedbackId: string | null
  invalid: boolean
}

/** The control an item is about: the one its label names, else its first field. */
function controlOf(item: HTMLElement): HTMLElement | null {
  const labelFor = item.querySelector(':scope > .n-form-item-label')?.getAttribute('for')
  const named = labelFor ? item.ownerDocument.getElementById(labelFor) : null
  if (named && item.contains(named)) return named
  const blank = item.querySelector<HTMLElement>(':scope > .n-form-item-blank')
  return blank ? firstField(blank) : null
}

const tokensOf = (value: string | null) => (value ?? '').split(/\s+/).filter(Boolean)

function setAttribute(element: HTMLElement, name: string, value: string | null): void {
  if (element.getAttribute(name) === value) return
  if (value === null) element.removeAttribute(name)
  else element.setAttribute(name, value)
}

export function linkFieldFeedback(root: HTMLElement): () => void {
  const linked = new WeakMap<HTMLElement, Linked>()

  function link(item: HTMLElement): void {
    const control = controlOf(item)
    if (!control) return
    const was = linked.get(control) ?? { feedbackId: null, invalid: false }
    const feedback = item.querySelector<HTMLElement>(FEEDBACK)
    const said = feedback?.textContent?.trim() ? feedback : null
    if (said && !said.id) said.id = `field-feedback-${(issued += 1)}`
    const feedbackId = said?.id ?? null
    const invalid = said?.querySelector(ERROR) != null

    const described = tokensOf(control.getAttribute('aria-describedby')).filter((id) => id !== was.feedbackId)
    if (feedbackId) described.push(feedbackId)
    setAttribute(control, 'aria-describedby', described.length > 0 ? described.join(' ') : null)
    if (invalid) setAttribute(control, 'aria-invalid', 'true')
    else if (was.invalid) setAttribute(control, 'aria-invalid', null)
    linked.set(control, { feedbackId, invalid })
  }

  const update = () => root.querySelectorAll<HTMLElement>(ITEM).forEach(link)
  const observer = new MutationObserver(update)
  // Attributes too: a re-render that writes the control's own description back is linked again (the
  // writes above happen only on a change, so they do not wake this up for nothing).
  observer.observe(root, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['class', 'aria-describedby', 'aria-invalid'],
  })
  update()
  return () => observer.disconnect()
}
