import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { placeWindow, type Rect, type WindowState } from '../../src/main/electron/window-placement'

// The window reopens where it was left when that is still on a screen, and never off-screen or larger
// than the display it lands on, whatever happened to the displays in between.

const laptop: Rect = { x: 0, y: 0, width: 1440, height: 875 }
const monitor: Rect = { x: 1440, y: -200, width: 2560, height: 1400 }
const defaults = { width: 1200, height: 800 }
const minimum = { width: 800, height: 560 }
const place = (saved: WindowState | null, workAreas: Rect[] = [laptop, monitor], primary = laptop) =>
  placeWindow({ saved, workAreas, primary, defaults, minimum })

describe('placeWindow', () => {
  it('reopens exactly where it was left, maximised or not', () => {
    const saved = { bounds: { x: 1600, y: 0, width: 1800, height: 1000 }, maximized: true }
    expect(place(saved)).toEqual({ bounds: saved.bounds, maximized: true })
  })

  it('opens centred at the default size on the primary display the first time', () => {
    expect(place(null)).toEqual({ bounds: defaults, maximized: false })
  })

  it('opens on the primary display when the monitor it was on is gone', () => {
    const onMonitor = { bounds: { x: 2000, y: 100, width: 1800, height: 1000 }, maximized: false }
    expect(place(onMonitor, [laptop])).toEqual({ bounds: defaults, maximized: false })
  })

  it('is shrunk to fit and moved fully onto a display smaller than it was', () => {
    const saved = { bounds: { x: 1300, y: 500, width: 1800, height: 1000 }, maximized: false }
    // Only its top-left corner's strip is on the laptop (140 px wide): it stays there, made to fit.
    expect(place(saved, [laptop])).toEqual({
      bounds: { x: 0, y: 0, width: 1440, height: 875 },
      maximized: false,
    })
  })

  it('does not count a sliver of the title bar as reachable', () => {
    const saved = { bounds: { x: 1400, y: 100, width: 1000, height: 700 }, maximized: false }
    expect(place(saved, [laptop])).toEqual({ bounds: defaults, maximized: false })
  })

  it('never ends off every display or bigger than the one it is on (property)', () => {
    const rect = fc.record({
      x: fc.integer({ min: -5000, max: 5000 }),
      y: fc.integer({ min: -5000, max: 5000 }),
      width: fc.integer({ min: 100, max: 6000 }),
      height: fc.integer({ min: 100, max: 4000 }),
    })
    fc.assert(
      fc.property(
        fc.array(rect, { minLength: 1, maxLength: 3 }),
        rect,
        fc.boolean(),
        (areas, bounds, max) => {
          const result = placeWindow({
            saved: { bounds, maximized: max },
            workAreas: areas,
            primary: areas[0]!,
            defaults,
            minimum,
          })
          const { x, y, width, height } = result.bounds
          if (x === undefined || y === undefined) {
            expect(width).toBeLessThanOrEqual(areas[0]!.width)
            expect(height).toBeLessThanOrEqual(areas[0]!.height)
            return
          }
          const inside = areas.some(
            (a) => x >= a.x && y >= a.y && x + width <= a.x + a.width && y + height <= a.y + a.height,
          )
          expect(inside).toBe(true)
        },
      ),
      { numRuns: 2000 },
    )
  })
})
