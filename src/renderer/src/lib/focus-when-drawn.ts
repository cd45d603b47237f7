// Moving the focus into something that has just been asked for: a dialog, a palette or a side panel is
// put on the page a frame or more after it is opened (Naive draws its content a frame after mounting it,
// and a part that loads when first opened comes when its chunk has loaded), and a control that is not
// drawn yet cannot take the focus. So: tried at once, then once per frame, for about half a second.

/** Drawn at all (not in a closed part or `display: none`); a browser without checkVisibility draws it. */
export const isDrawn = (element: HTMLElement): boolean =>
  element.isConnected && (typeof element.checkVisibility === 'function' ? element.checkVisibility() : true)

/**
 * Focuses what `find` gives once it is drawn. `find` answers null while there is nothing to focus yet and
 * false when there is nothing to do any more (say, the user has put the focus there already).
 * Returns a function that stops trying.
 */
export function focusWhenDrawn(find: () => HTMLElement | null | false, frames = 30): () => void {
  let left = frames
  let frame = 0
  const attempt = (): void => {
    const target = find()
    if (target === false) return
    if (target && isDrawn(target)) {
      target.focus({ preventScroll: true })
      if (document.activeElement === target) return
    }
    left -= 1
    if (left > 0) frame = requestAnimationFrame(attempt)
  }
  attempt()
  return () => cancelAnimationFrame(frame)
}
