import { afterEach, describe, expect, it, vi } from 'vitest'
import source from '../../public/warm-up.js?raw'
import { detectLocale, STORAGE_KEY } from './index'

// public/warm-up.js asks for the window's catalogue before the app runs, choosing the language on its
// own (it is a plain script, not part of the bundle). It must choose as the app does: otherwise the
// window downloads a catalogue it does not show and still waits for the one it does.

const CHUNKS = {
  'en-US': './assets/en-US-bundle-abc.js',
  'zh-CN': './assets/zh-CN-bundle-def.js',
  dark: './assets/naive-dark-ghi.js',
}

function runWarmUp(): string[] {
  document.head.innerHTML = ''
  const meta = document.createElement('meta')
  meta.name = 'tokendesk-chunks'
  meta.content = JSON.stringify(CHUNKS)
  document.head.append(meta)
  new Function(source)()
  return [...document.head.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].map((link) =>
    link.getAttribute('href')!,
  )
}

interface Setting {
  query?: string
  saved?: string
  languages: string[]
  dark?: boolean
}

function arrange({ query, saved, languages, dark = false }: Setting): void {
  window.history.replaceState(null, '', query ? `/?lang=${query}` : '/')
  window.localStorage.clear()
  if (saved !== undefined) window.localStorage.setItem(STORAGE_KEY, saved)
  vi.spyOn(window.navigator, 'languages', 'get').mockReturnValue(languages)
  vi.stubGlobal('matchMedia', (query: string) => ({ matches: dark && query.includes('dark') }))
}

afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
  window.localStorage.clear()
  window.history.replaceState(null, '', '/')
  document.head.innerHTML = ''
})

describe('warm-up.js', () => {
  const settings: Setting[] = [
    { languages: ['en-US'] },
    { languages: ['zh-TW', 'en'] },
    { languages: ['fr-FR', 'zh-Hans-CN'] },
    { languages: ['fr-FR', 'de'] },
    { saved: 'zh-CN', languages: ['en-US'] },
    { saved: 'en-US', languages: ['zh-CN'] },
    { saved: 'klingon', languages: ['zh-CN'] },
    { query: 'zh-CN', saved: 'en-US', languages: ['en-US'] },
    { query: 'en', languages: ['zh-CN'] },
    { query: 'xx', saved: 'zh-CN', languages: ['en-US'] },
  ]

  it.each(settings)('asks for the catalogue the app will show: %o', (setting) => {
    arrange(setting)
    const expected = CHUNKS[detectLocale()]
    expect(runWarmUp()).toEqual([expected])
  })

  it('asks for the dark theme too in a dark OS', () => {
    arrange({ languages: ['zh-CN'], dark: true })
    expect(runWarmUp()).toEqual([CHUNKS['zh-CN'], CHUNKS.dark])
  })

  it('asks for nothing when the page names no chunks, and still runs', () => {
    arrange({ languages: ['en-US'] })
    document.head.innerHTML = ''
    expect(() => new Function(source)()).not.toThrow()
    expect(document.head.querySelectorAll('link').length).toBe(0)
  })
})
