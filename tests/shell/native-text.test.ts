import { describe, expect, it } from 'vitest'
import enUS from '../../src/main/electron/native-text/en-US'
import zhCN from '../../src/main/electron/native-text/zh-CN'
import {
  NATIVE_LOCALES,
  catalogueOf,
  formatMessage,
  nativeLocale,
  nativeText,
} from '../../src/main/electron/native-text/native-text'

// Main's own catalogues (menu, tray, dialogs): the same keys in both languages, the same placeholders in
// each message, and the message syntax the window's catalogues use.

function leaves(node: unknown, prefix = ''): [string, string][] {
  if (typeof node === 'string') return [[prefix, node]]
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) =>
    leaves(value, prefix ? `${prefix}.${key}` : key),
  )
}
const placeholders = (message: string) => [...new Set(message.match(/\{\w+\}/g) ?? [])].sort()

describe('native catalogues', () => {
  it('have the same keys in every language, none empty', () => {
    const keys = leaves(enUS).map(([key]) => key)
    for (const locale of NATIVE_LOCALES) {
      const entries = leaves(catalogueOf(locale))
      expect(entries.map(([key]) => key)).toEqual(keys)
      for (const [key, message] of entries) expect(message.trim(), `${locale} ${key}`).not.toBe('')
    }
  })

  it('use the same placeholders in both languages', () => {
    const chinese = new Map(leaves(zhCN))
    for (const [key, message] of leaves(enUS)) {
      // Each plural form of a message names what the others do.
      const forms = message.split(' | ')
      for (const form of forms) expect(placeholders(form), key).toEqual(placeholders(forms[0]!))
      expect(placeholders(chinese.get(key)!), key).toEqual(placeholders(message))
    }
  })

  it('really are translated: the Chinese texts are not the English ones', () => {
    const chinese = new Map(leaves(zhCN))
    const same = leaves(enUS).filter(([key, message]) => chinese.get(key) === message)
    // Only texts made of names and placeholders alone may read the same.
    expect(same.map(([key]) => key)).toEqual(['about.heading', 'about.versions'])
  })
})

describe('formatMessage', () => {
  it('fills placeholders and picks the plural form by count, as vue-i18n does', () => {
    const message = '{name}: {count} draft | {name}: {count} drafts'
    expect(formatMessage(message, { name: 'TokenDesk', count: 1 })).toBe('TokenDesk: 1 draft')
    expect(formatMessage(message, { name: 'TokenDesk', count: 3 })).toBe('TokenDesk: 3 drafts')
    expect(formatMessage('none | one | {count} many', { count: 0 })).toBe('none')
    expect(formatMessage('none | one | {count} many', { count: 7 })).toBe('7 many')
    expect(formatMessage('还有 {count} 个', { count: 1 })).toBe('还有 1 个')
    expect(formatMessage('left {alone}')).toBe('left {alone}')
  })
})

describe('nativeLocale', () => {
  it('reads every Chinese variant as zh-CN and everything else (or nothing) as English', () => {
    for (const tag of ['zh-CN', 'zh-TW', 'zh', 'ZH-hans-CN']) expect(nativeLocale(tag)).toBe('zh-CN')
    for (const tag of ['en-US', 'en-GB', 'de', '', null, undefined]) expect(nativeLocale(tag)).toBe('en-US')
  })

  it('gives the texts of the language chosen', () => {
    expect(nativeText('zh-CN')('menu.about', { name: 'TokenDesk' })).toBe('关于 TokenDesk')
    expect(nativeText('en-US')('tray.unsynced', { name: 'TokenDesk', count: 2 })).toBe(
      'TokenDesk: 2 drafts not yet sent',
    )
  })
})
