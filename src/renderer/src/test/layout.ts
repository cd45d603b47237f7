// happy-dom lays nothing out: every element measures 0 × 0. The token table (and the bulk edit's lists)
// render only the rows that fit in their scrolling box, so in component tests that box gets the size of
// a desktop window (the real layout is checked in Chromium by the end-to-end specs).

const WINDOW = { width: 1200, height: 800 }
const isScrollingGrid = (element: Element) =>
  element.getAttribute('role') === 'grid' || element.hasAttribute('data-scroller')

const measure = HTMLElement.prototype.getBoundingClientRect
HTMLElement.prototype.getBoundingClientRect = function (this: HTMLElement) {
  return isScrollingGrid(this) ? new DOMRect(0, 0, WINDOW.width, WINDOW.height) : measure.call(this)
}
for (const [property, size] of [
  ['clientHeight', WINDOW.height],
  ['offsetHeight', WINDOW.height],
  ['clientWidth', WINDOW.width],
  ['offsetWidth', WINDOW.width],
] as const) {
  const own =
    Object.getOwnPropertyDescriptor(HTMLElement.prototype, property) ??
    Object.getOwnPropertyDescriptor(Element.prototype, property)
  Object.defineProperty(HTMLElement.prototype, property, {
    configurable: true,
    get(this: HTMLElement) {
      return isScrollingGrid(this) ? size : (own?.get?.call(this) ?? 0)
    },
  })
}
