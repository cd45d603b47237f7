// Moving the focus into something that has just been asked for: a dialog, a palette or a side panel is
// put on the page a frame or more after it is opened (Naive draws its content a frame after mounting it,
// and a part that loads when first opened comes when its chunk has loaded, later on a busy machine), and
// a control that is not drawn yet cannot take the focus. So: tried at once, then once per frame, for up
// to two seconds — and only while the focus is where the opening left it: once the user has put it
// somewhere, it stays there.

const PATIENCE_MS = 2000

/** Drawn at all (not in a closed part or `display: none`); a browser without checkVisibility draws it. */
export const isDrawn = (element: HTMLElement): boolean =>
  element.isConnected && (typeof element.checkVisibility === 'function' ? element.checkVisibility() : true)

/**
 * Focuses what `find` gives once it is drawn. `find` answers null while there is nothing to focus yet and
 * false when there is nothing to do any more. `giveUp` runs if the time runs out first.
 * Returns a function that stops trying.
 */
export function focusWhenDrawn(
  find: () => HTMLElement | null | false,
  giveUp: () => void = () => {},
): () => void {
  const until = performance.now() + PATIENCE_MS
  const left = document.activeElement
  let frame = 0
  const attempt = (): void => {
    const now = document.activeElement
    if (now !== left && now !== document.body && now !== null) return
    const target = find()
    if (target === false) return
    if (target && isDrawn(target)) {
      target.focus({ preventScroll: true })
      if (document.activeElement === target) return
    }
    if (performance.now() < until) frame = requestAnimationFrame(attempt)
    else giveUp()
  }
  attempt()
  return () => cancelAnimationFrame(frame)
}
