// Where the window opens: where the user left it, as long as that is still on a screen. Displays change
// between runs (a laptop leaves its dock, a monitor is rearranged, the resolution drops), so a saved place
// is used only if enough of its top edge lands on a display's work area to grab the window by; it is then
// shrunk to fit that display and moved fully onto it. Otherwise the window opens at its default size,
// centred, on the primary display. No Electron here: the host passes the displays' work areas in.

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface WindowState {
  bounds: Rect
  maximized: boolean
}

export interface Size {
  width: number
  height: number
}

export interface Placement {
  /** Position and size; no position (x, y) when the window should be centred. */
  bounds: Size & Partial<Pick<Rect, 'x' | 'y'>>
  maximized: boolean
}

/** How much of the window's top strip must be on a display to count as reachable there. */
const GRAB_WIDTH = 100
const GRAB_HEIGHT = 30

function overlap(a: Rect, b: Rect): Size {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  }
}

const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high)

export function placeWindow(options: {
  saved: WindowState | null
  workAreas: readonly Rect[]
  primary: Rect
  defaults: Size
  minimum: Size
}): Placement {
  const { saved, workAreas, primary, defaults, minimum } = options
  const fit = (size: Size, area: Rect): Size => ({
    width: clamp(size.width, Math.min(minimum.width, area.width), area.width),
    height: clamp(size.height, Math.min(minimum.height, area.height), area.height),
  })
  if (saved) {
    const top: Rect = { ...saved.bounds, height: Math.min(saved.bounds.height, GRAB_HEIGHT) }
    const home = workAreas
      .map((area) => ({ area, seen: overlap(top, area) }))
      .filter(({ seen }) => seen.width >= Math.min(GRAB_WIDTH, saved.bounds.width) && seen.height > 0)
      .sort((a, b) => b.seen.width * b.seen.height - a.seen.width * a.seen.height)[0]?.area
    if (home) {
      const size = fit(saved.bounds, home)
      return {
        bounds: {
          ...size,
          x: clamp(saved.bounds.x, home.x, home.x + home.width - size.width),
          y: clamp(saved.bounds.y, home.y, home.y + home.height - size.height),
        },
        maximized: saved.maximized,
      }
    }
  }
  return { bounds: fit(defaults, primary), maximized: saved?.maximized ?? false }
}
