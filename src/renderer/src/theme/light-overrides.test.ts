import { describe, expect, it } from 'vitest'
import { lightTheme } from 'naive-ui'
import { LIGHT_THEME_OVERRIDES } from './light-overrides'

// The light theme's warning and error text must read at WCAG AA: on the white of a card and on the tint
// of their own tags (Naive tints a tag with its colour at about 14 %).

type Rgb = [number, number, number]
const rgb = (hex: string): Rgb => [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)) as Rgb
const channel = (value: number) => {
  const c = value / 255
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
}
const luminance = ([r, g, b]: Rgb) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
const contrast = (a: Rgb, b: Rgb) => {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (high + 0.05) / (low + 0.05)
}
const tint = (color: Rgb, share: number): Rgb =>
  color.map((value) => 255 * (1 - share) + value * share) as Rgb
const WHITE: Rgb = [255, 255, 255]

describe('light theme colours', () => {
  it.each(['warningColor', 'errorColor'] as const)('%s reads at AA on white and on its tag', (key) => {
    const color = rgb(LIGHT_THEME_OVERRIDES.common![key]!)
    expect(contrast(color, WHITE)).toBeGreaterThanOrEqual(4.5)
    expect(contrast(color, tint(color, 0.14))).toBeGreaterThanOrEqual(4.5)
  })

  it('replaces Naive’s own, which did not', () => {
    const naive = rgb(lightTheme.common.warningColor)
    expect(contrast(naive, WHITE)).toBeLessThan(4.5)
  })
})
