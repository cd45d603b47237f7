import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import enUS from '@renderer/i18n/en-US'
import zhCN from '@renderer/i18n/zh-CN'
import { rowLabels, withName } from './row-labels'

// The table's words translated once: each must read exactly as translating it for the row would.

function translator(locale: 'en-US' | 'zh-CN') {
  const i18n = createI18n({ legacy: false, locale, messages: { 'en-US': enUS, 'zh-CN': zhCN } })
  return i18n.global.t as (key: string, named?: Record<string, unknown>) => string
}

describe('row labels', () => {
  for (const locale of ['en-US', 'zh-CN'] as const) {
    it(`reads as the catalogue does, names included (${locale})`, () => {
      const t = translator(locale)
      const labels = rowLabels(t)
      for (const name of ['alpha', '', 'a {b} | c', '令牌 @x']) {
        expect(labels.deleteAria(name)).toBe(t('tokens.deleteAria', { name }))
        expect(labels.selectRow(name)).toBe(t('tokens.selectRow', { name }))
        expect(labels.enableAria(name)).toBe(t('tokens.enableAria', { name }))
      }
      expect(labels.status.exhausted).toBe(t('tokens.status.exhausted'))
      expect(labels.revive).toBe(t('editor.revive.action'))
    })
  }

  it('translates each time a text that is not one plain {name}', () => {
    const calls: unknown[] = []
    const t = (key: string, named?: Record<string, unknown>) => {
      calls.push(named?.name)
      return key === 'two' ? `${String(named?.name)} and ${String(named?.name)}` : 'no name here'
    }
    expect(withName(t, 'two')('x')).toBe('x and x')
    expect(withName(t, 'none')('x')).toBe('no name here')
    expect(calls.filter((name) => name === 'x')).toHaveLength(2)
  })
})
