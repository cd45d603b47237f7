import enUS, { type NativeMessages } from './en-US'
import zhCN from './zh-CN'

// Main's own texts (menu, tray, dialogs) in the language the window shows: the window tells main its
// language (app.setLocale), and until it has, the OS language (app.getLocale()) decides. Pure: no
// 'electron' import, so Node tests read it directly.

export const NATIVE_LOCALES = ['en-US', 'zh-CN'] as const
export type NativeLocale = (typeof NATIVE_LOCALES)[number]

const CATALOGUES: Record<NativeLocale, NativeMessages> = { 'en-US': enUS, 'zh-CN': zhCN }

/** Any BCP 47 tag to a language TokenDesk speaks: every Chinese variant reads zh-CN, the rest English. */
export function nativeLocale(tag: string | null | undefined): NativeLocale {
  return tag?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-US'
}

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>
}[keyof T & string]

export type NativeKey = Leaves<NativeMessages>
export type NativeValues = Record<string, string | number>
export type Translate = (key: NativeKey, values?: NativeValues) => string

/** The message at a dotted key (the compiler has checked every key a caller names). */
export function messageAt(messages: NativeMessages, key: string): string {
  let node: unknown = messages
  for (const part of key.split('.')) node = (node as Record<string, unknown>)[part]
  return node as string
}

/**
 * vue-i18n's rules for the forms of a plural message: with two forms, `count` 1 takes the first; with
 * three, 0 | 1 | many. A message of one form is the same for every count (Chinese has no plural).
 */
function pluralForm(message: string, count: unknown): string {
  const forms = message.split(' | ')
  if (forms.length === 1 || typeof count !== 'number') return forms[0]!
  const index = forms.length === 2 ? (count === 1 ? 0 : 1) : Math.min(count, 2)
  return forms[index]!.trim()
}

export function formatMessage(message: string, values: NativeValues = {}): string {
  return pluralForm(message, values['count']).replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  )
}

export function nativeText(locale: NativeLocale): Translate {
  const messages = CATALOGUES[locale]
  return (key, values) => formatMessage(messageAt(messages, key), values)
}

export function catalogueOf(locale: NativeLocale): NativeMessages {
  return CATALOGUES[locale]
}
