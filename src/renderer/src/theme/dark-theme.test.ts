import { afterEach, describe, expect, it, vi } from 'vitest'
import { darkThemeRef, loadDarkTheme, prefersDark } from './dark-theme'

// The dark theme is not part of the first screen's script: it is loaded when the OS asks for dark.

describe('dark theme on demand', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('is absent until loaded, then Naive UI dark theme, loaded once', async () => {
    expect(darkThemeRef().value).toBeNull()
    const first = loadDarkTheme()
    const second = loadDarkTheme()
    expect(second).toBe(first)
    const theme = await first
    expect(theme.name).toBe('dark')
    expect(theme.common?.bodyColor).not.toBe('#fff')
    expect(darkThemeRef().value).toBe(theme)
  })

  it('follows the OS colour scheme', () => {
    const asked: string[] = []
    const scheme = (dark: boolean) => (query: string) => {
      asked.push(query)
      return { matches: dark } as MediaQueryList
    }
    vi.stubGlobal('matchMedia', scheme(true))
    expect(prefersDark()).toBe(true)
    vi.stubGlobal('matchMedia', scheme(false))
    expect(prefersDark()).toBe(false)
    expect(asked).toEqual(['(prefers-color-scheme: dark)', '(prefers-color-scheme: dark)'])
  })
})
