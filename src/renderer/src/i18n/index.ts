import { createI18n, type Composer } from 'vue-i18n'
import type { MessageSchema } from './message-schema'
import { LOCALES, type AppLocale } from './app-locale'
import { addNaiveLocale, type NaiveLocale } from './naive-locales'

// The UI language: `?lang=` in the address (used by end-to-end tests) wins, then the user's choice saved
// in localStorage (a display preference only — never data or secrets), then the OS language.
// Each language's catalogue (with Naive UI's texts for it) is a chunk of its own, loaded before that
// language is shown: a window in Chinese does not carry the English texts. No text falls back to
// another language: the catalogues have the same keys (message-schema.ts types the Chinese one).

export { LOCALES, type AppLocale } from './app-locale'

export const STORAGE_KEY = 'tokendesk.locale'

interface LocaleBundle {
  messages: MessageSchema
  /** Naive UI's texts in that language; English's are Naive's own, always there. */
  naive?: NaiveLocale
}

const BUNDLES: Record<AppLocale, () => Promise<{ default: LocaleBundle }>> = {
  'en-US': () => import('./en-US-bundle'),
  'zh-CN': () => import('./zh-CN-bundle'),
}

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

/**
 * The app's i18n, with no catalogue yet: main.ts loads the detected language's (switchLocale) before
 * mounting. `english`: the English catalogue at once (component tests, which mount synchronously).
 */
export function createAppI18n(english?: MessageSchema) {
  document.documentElement.lang = 'en-US'
  return createI18n({
    legacy: false,
    locale: 'en-US',
    // Typed as English's: every catalogue has its keys, and the composer's types come from them.
    messages: (english ? { 'en-US': english } : {}) as { 'en-US': MessageSchema },
    // Dynamic keys (error codes, field issues) are checked with `te` before use; stay quiet otherwise.
    missingWarn: false,
    fallbackWarn: false,
  })
}

export type AppI18n = ReturnType<typeof createAppI18n>

/** What switchLocale needs of a composer (`useI18n()` or `i18n.global`). */
export type LocaleComposer = Pick<Composer, 'locale' | 'availableLocales'> & {
  setLocaleMessage: (locale: AppLocale, messages: MessageSchema) => void
}

let latest = 0

/**
 * Switches the language everywhere: loads its catalogue first (once), then changes the UI at once,
 * remembers the choice and keeps `<html lang>` truthful. When choices overlap, the last one wins, whichever
 * catalogue arrives first. Resolves false when the catalogue could not be loaded (the UI stays as it was).
 */
export async function switchLocale(
  i18n: LocaleComposer,
  locale: AppLocale,
  persist = true,
): Promise<boolean> {
  const request = ++latest
  if (!i18n.availableLocales.includes(locale)) {
    let bundle: LocaleBundle
    try {
      bundle = (await BUNDLES[locale]()).default
    } catch (error) {
      console.error(`TokenDesk: the ${locale} catalogue could not be loaded`, error)
      return false
    }
    i18n.setLocaleMessage(locale, bundle.messages)
    if (bundle.naive) addNaiveLocale(locale, bundle.naive)
  }
  if (request !== latest) return true // a later choice is being applied
  i18n.locale.value = locale
  document.documentElement.lang = locale
  if (!persist) return true
  try {
    window.localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // Not being able to remember the choice is harmless.
  }
  return true
}
