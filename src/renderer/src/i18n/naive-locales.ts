import { shallowReactive } from 'vue'
import { createLocale, dateEnUS, enUS, type NDateLocale, type NLocale } from 'naive-ui'
import type { AppLocale } from './app-locale'

// Naive UI's own texts (its pagination, pickers, empty states) and date formats, per UI language. English
// ships with the first screen; another language's arrive with its catalogue (see index.ts).

export interface NaiveLocale {
  locale: NLocale
  dateLocale: NDateLocale
}

// Naive fills an empty field with "Please Input" in English, which reads as broken English beside the
// app's own labels: its English fields stay empty instead (Chinese keeps Naive's natural 请输入).
const english = createLocale({ Input: { placeholder: '' }, InputNumber: { placeholder: '' } }, enUS)

const loaded = shallowReactive<Partial<Record<AppLocale, NaiveLocale>>>({
  'en-US': { locale: english, dateLocale: dateEnUS },
})

/** Naive's locale for `locale`, English until that language has been loaded. */
export function naiveLocaleOf(locale: string): NaiveLocale {
  return loaded[locale as AppLocale] ?? loaded['en-US']!
}

export function addNaiveLocale(locale: AppLocale, value: NaiveLocale): void {
  loaded[locale] = value
}
