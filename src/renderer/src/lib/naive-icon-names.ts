// Naive UI gives its close buttons and loading spinners fixed English names ("close", "loading") and no
// way to change them: a screen reader says "close" in a Chinese window, and a select reads "vip close
// loading" — the spinner is named even while it shows nothing. A number input's − and + buttons have no
// name at all (they are not in the Tab order, the arrow keys do the same, but a screen reader lists
// them). One watcher over the document names them in the UI's language as they appear, hides an idle
// spinner, and names them all again when the language changes. It looks only at the elements each change
// added (and the spinner they sit in), so the token table's redraws, which add no such icon, cost it next
// to nothing.

export interface IconNames {
  close: string
  loading: string
  /** A number input's − and + buttons. */
  decrease: string
  increase: string
}

const CLOSE = 'n-base-close'
const LOADING = 'n-base-loading'
const NUMBER_INPUT = 'n-input-number'

function nameClose(button: Element, names: IconNames): void {
  if (button.getAttribute('aria-label') !== names.close) button.setAttribute('aria-label', names.close)
}

function nameSpinner(spinner: Element, names: IconNames): void {
  // Naive swaps the spinner's icon in and out inside the same element while loading starts and stops.
  const spinning = spinner.getElementsByClassName(`${LOADING}__icon`).length > 0
  if (spinning) {
    spinner.removeAttribute('aria-hidden')
    spinner.setAttribute('aria-label', names.loading)
  } else spinner.setAttribute('aria-hidden', 'true')
}

/** The − button comes first and the + button last, whether both sit on the right or one on each side. */
function nameSteps(input: Element, names: IconNames): void {
  const buttons = input.querySelectorAll('button')
  if (buttons.length !== 2) return
  buttons[0]!.setAttribute('aria-label', names.decrease)
  buttons[1]!.setAttribute('aria-label', names.increase)
}

function nameWithin(root: Element, names: IconNames): void {
  if (root.classList.contains(CLOSE)) nameClose(root, names)
  for (const button of root.getElementsByClassName(CLOSE)) nameClose(button, names)
  const spinner = root.closest(`.${LOADING}`)
  if (spinner) nameSpinner(spinner, names)
  for (const inner of root.getElementsByClassName(LOADING)) nameSpinner(inner, names)
  if (root.classList.contains(NUMBER_INPUT)) nameSteps(root, names)
  for (const input of root.getElementsByClassName(NUMBER_INPUT)) nameSteps(input, names)
}

/** Names Naive's icons under `root` now and as they appear; `rename` after the language changed. */
export function nameNaiveIcons(
  root: HTMLElement,
  names: () => IconNames,
): { rename: () => void; stop: () => void } {
  const observer = new MutationObserver((records) => {
    const current = names()
    for (const record of records)
      for (const node of record.addedNodes) if (node instanceof Element) nameWithin(node, current)
  })
  observer.observe(root, { childList: true, subtree: true })
  const rename = () => nameWithin(root, names())
  rename()
  return { rename, stop: () => observer.disconnect() }
}
