import { shallowRef, type ShallowRef } from 'vue'
import type { GlobalTheme } from 'naive-ui'

// The dark theme is loaded only when the OS asks for dark: main.ts waits for it before the first render
// (no light frame in a dark window), and a switch to dark later loads it then (a few milliseconds of the
// light theme the first time).

const loaded = shallowRef<GlobalTheme | null>(null)
let loading: Promise<GlobalTheme> | null = null

export function prefersDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches
}

/** Loads the dark theme once; every later call gets the same one. */
export function loadDarkTheme(): Promise<GlobalTheme> {
  loading ??= import('./naive-dark').then(({ darkTheme }) => (loaded.value = darkTheme))
  return loading
}

/** The dark theme once loaded, else null. */
export function darkThemeRef(): Readonly<ShallowRef<GlobalTheme | null>> {
  return loaded
}
