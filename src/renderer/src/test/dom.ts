// Small DOM helpers for component tests that act the way a user does: by label, by button text.

export function inputById(id: string): HTMLInputElement | HTMLTextAreaElement {
  const element = document.getElementById(id)
  if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement)) {
    throw new Error(`no input with id ${id}`)
  }
  return element
}

/** The control a <label> names, following `for` — proving the label really reaches the input. */
export function inputByLabel(text: string): HTMLInputElement | HTMLTextAreaElement {
  const label = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === text)
  const id = label?.getAttribute('for')
  if (!id) throw new Error(`no <label for> with text "${text}"`)
  return inputById(id)
}

export function typeInto(element: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  element.focus()
  element.value = value
  element.dispatchEvent(new Event('input', { bubbles: true }))
}

export function blur(element: HTMLElement): void {
  element.dispatchEvent(new FocusEvent('blur'))
  element.dispatchEvent(new FocusEvent('focusout', { bubbles: true }))
}

export function button(name: string, root: ParentNode = document): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find(
    (b) => b.getAttribute('aria-label') === name || b.textContent?.trim() === name,
  )
  if (!found) throw new Error(`no button "${name}"`)
  return found
}

export function byRole(role: string, name: string): HTMLElement {
  const found = [...document.querySelectorAll<HTMLElement>(`[role="${role}"]`)].find(
    (el) => el.getAttribute('aria-label') === name,
  )
  if (!found) throw new Error(`no ${role} "${name}"`)
  return found
}

export function bodyText(): string {
  return document.body.textContent ?? ''
}

/** A Naive UI check box by the text beside it (its accessible name). */
export function checkbox(name: string): HTMLElement {
  const found = [...document.querySelectorAll<HTMLElement>('[role="checkbox"]')].find(
    (box) => box.textContent?.trim() === name,
  )
  if (!found) throw new Error(`no checkbox "${name}"`)
  return found
}

/** A radio input (or radio button) by its label's text. */
export function radio(name: string, root: ParentNode = document): HTMLInputElement {
  const found = [...root.querySelectorAll<HTMLInputElement>('input[type="radio"]')].find(
    (input) => input.closest('label')?.textContent?.trim() === name,
  )
  if (!found) throw new Error(`no radio "${name}"`)
  return found
}
