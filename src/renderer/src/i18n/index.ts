import { createI18n } from 'vue-i18n'
import enUS from './en-US'
import zhCN from './zh-CN'

// The UI language: `?lang=` in the address (used by end-to-end tests) wins, then the user's choice saved
// in localStorage (a display preference only — never data or secrets), then the OS language.

export const LOCALES = ['en-US', 'zh-CN'] as const
export type AppLocale = (typeof LOCALES)[number]

export const STORAGE_KEY = 'tokendesk.locale'

export const messages = { 'en-US': enUS, 'zh-CN': zhCN }

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/** Maps any BCP 47 tag to a supported locale: every Chinese variant reads the zh-CN catalogue. */
export function matchLocale(tag: string | null | undefined): AppLocale | null {
  if (!tag) return null
  if (isAppLocale(tag)) return tag
  const lower = tag.toLowerCase()
  if (lower.startsWith('zh')) return 'zh-CN'
  if (lower.startsWith('en')) return 'en-US'
  return null
}

function readStorage(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY)
  } catch {
    return null // storage disabled: fall through to the OS language
  }
}

export function detectLocale(): AppLocale {
  const fromQuery = matchLocale(new URLSearchParams(window.location.search).get('lang'))
  if (fromQuery) return fromQuery
  const saved = readStorage()
  if (isAppLocale(saved)) return saved
  for (const tag of navigator.languages ?? [navigator.language]) {
    const match = matchLocale(tag)
    if (match) return match
  }
  return 'en-US'
}

export function createAppI18n(locale: AppLocale = detectLocale()) {
  document.documentElement.lang = locale
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'en-US',
    messages,
    // Dynamic keys (error codes, field issues) are checked with `te` before use; stay quiet otherwise.
    missingWarn: false,
    fallbackWarn: false,
  })
}

export type AppI18n = ReturnType<typeof createAppI18n>

/**
 * Switches the language everywhere, remembers the choice, and keeps `<html lang>` truthful. Takes the
 * composer's `locale` ref (from `useI18n()` or `i18n.global`).
 */
export function applyLocale(localeRef: { value: string }, locale: AppLocale, persist = true): void {
  localeRef.value = locale
  document.documentElement.lang = locale
  if (!persist) return
  try {
    window.localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // Not being able to remember the choice is harmless.
  }
}
