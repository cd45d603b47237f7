/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest'
import { ERROR_CODES } from '@shared/result'
import { NETWORK_FAILURES } from '@shared/domain/network-failure'
import { createAppI18n, matchLocale, switchLocale } from './index'
import enUS from './en-US'
import zhCN from './zh-CN'

// Every key in one language must exist in the other, and every code or field-issue key the shared code
// can produce must have a text — otherwise the user sees a raw key such as "fields.baseUrl.insecure".

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key))
}

const sharedSources = import.meta.glob('../../../shared/**/*.ts', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>

const coreSources = import.meta.glob('../../../main/core/**/*.ts', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>

/**
 * i18n keys the shared schemas and main's core emit: `message: '…'` in zod rules, `key: '…'` in field
 * issues, and the connection diagnosis's `issue(part, 'reason')` (plus one per kind of network failure).
 */
function emittedFieldKeys(): string[] {
  const keys = new Set<string>(NETWORK_FAILURES.map((failure) => `connection.${failure}`))
  for (const source of [...Object.values(sharedSources), ...Object.values(coreSources)]) {
    for (const match of source.matchAll(/(?:message|key): '([a-zA-Z]+\.[a-zA-Z]+)'/g))
      keys.add(match[1] as string)
    for (const match of source.matchAll(/issue\('[a-zA-Z]+', '([a-zA-Z]+)'/g))
      keys.add(`connection.${match[1]}`)
  }
  return [...keys].sort()
}

describe('catalogues', () => {
  it('have identical key sets', () => {
    expect(keysOf(zhCN).sort()).toEqual(keysOf(enUS).sort())
  })

  it('have no empty texts', () => {
    for (const catalogue of [enUS, zhCN]) {
      const empty = keysOf(catalogue).filter((key) => {
        const text = key
          .split('.')
          .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue)
        return typeof text !== 'string' || text.trim() === ''
      })
      expect(empty).toEqual([])
    }
  })

  it.each(['en-US', 'zh-CN'] as const)(
    '%s translates every error code and shared field issue',
    async (locale) => {
      const i18n = createAppI18n()
      expect(await switchLocale(i18n.global, locale, false)).toBe(true)
      const { t, te } = i18n.global
      const fieldKeys = emittedFieldKeys()
      // Guard against the scan silently finding nothing (a moved file would make this test pass vacuously).
      expect(fieldKeys).toEqual(
        expect.arrayContaining([
          'name.tooLong',
          'allowIps.invalid',
          'allowIps.invalidMany',
          'baseUrl.insecure',
          'profileName.taken',
          'connection.userIdIsOther',
          'connection.refused',
        ]),
      )
      const missing = [
        ...ERROR_CODES.map((code) => `errors.${code}`),
        ...fieldKeys.map((key) => `fields.${key}`),
      ].filter((key) => !te(key))
      expect(missing).toEqual([])
      // Placeholders are filled, and keys with hyphens resolve as paths.
      expect(t('fields.name.tooLong', { max: 50 })).toContain('50')
      const badLine = t('fields.allowIps.invalid', { line: 7, entry: '1.2.3' })
      expect(badLine).toContain('1.2.3')
      expect(badLine).toContain('7')
      expect(t('errors.not-found')).not.toBe('errors.not-found')
    },
  )

  it('maps OS language tags to a supported locale', () => {
    expect(matchLocale('zh-TW')).toBe('zh-CN')
    expect(matchLocale('en-GB')).toBe('en-US')
    expect(matchLocale('fr-FR')).toBeNull()
  })
})
