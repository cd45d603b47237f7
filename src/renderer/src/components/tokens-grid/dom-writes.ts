// Writing into the page only what changed: each helper remembers what it last wrote to one text node,
// attribute, class or list of children, and touches the page only when that differs. The table's rows
// (grid-row-cells.ts, grid-body.ts) are rewritten on every scroll, sort and filter; most of what they
// show stays the same from one token to the next.

export function element(tag: string, className = '', attributes: Record<string, string> = {}): HTMLElement {
  const node = document.createElement(tag)
  if (className) node.className = className
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value)
  return node
}

/** A text node that is written only when its text changes. */
export function textIn(parent: HTMLElement): (text: string) => void {
  const node = document.createTextNode('')
  parent.append(node)
  let last = ''
  return (text) => {
    if (text !== last) node.data = last = text
  }
}

/** An attribute written only when it changes; null removes it. */
export function attribute(node: HTMLElement, name: string): (value: string | null) => void {
  let last: string | null = null
  return (value) => {
    if (value === last) return
    last = value
    if (value === null) node.removeAttribute(name)
    else node.setAttribute(name, value)
  }
}

export function modifier(node: HTMLElement, className: string): (on: boolean) => void {
  let last = false
  return (on) => {
    if (on === last) return
    node.classList.toggle(className, (last = on))
    if (node.classList.length === 0) node.removeAttribute('class') // as built: no empty class=""
  }
}

/** Any attribute of one element, each written only when it changes (see `attribute`). */
export function attributes(node: HTMLElement): (name: string, value: string | null) => void {
  const writers = new Map<string, (value: string | null) => void>()
  return (name, value) => {
    let write = writers.get(name)
    if (!write) writers.set(name, (write = attribute(node, name)))
    write(value)
  }
}

/** Which of a cell's parts are in it, in order: the set changes only when the token's kind does. */
export function contents(parent: HTMLElement): (...nodes: HTMLElement[]) => void {
  let last: HTMLElement[] = []
  return (...nodes) => {
    if (nodes.length === last.length && nodes.every((node, index) => node === last[index])) return
    last = nodes
    parent.replaceChildren(...nodes)
  }
}
