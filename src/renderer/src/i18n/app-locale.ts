// The languages TokenDesk's UI speaks, by their BCP 47 tags (a file of its own: the i18n set-up and the
// per-language Naive locales both name them).

export const LOCALES = ['en-US', 'zh-CN'] as const
export type AppLocale = (typeof LOCALES)[number]
