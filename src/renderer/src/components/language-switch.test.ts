import { afterEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { STORAGE_KEY } from '@renderer/i18n'
import { naiveLocaleOf } from '@renderer/i18n/naive-locales'
import { createFakeApi, makeProfile } from '@renderer/test/fake-api'
import { mountApp, settle } from '@renderer/test/mount-app'
import App from '../App.vue'

// The window starts in English with only the English catalogue; Chinese (with Naive UI's own texts) is
// loaded when it is first chosen, and the whole window changes language once it has arrived.

afterEach(() => {
  document.body.innerHTML = ''
  window.localStorage.clear()
})

const languageRadio = (name: string): HTMLInputElement => {
  const label = [...document.querySelectorAll('[role="radiogroup"] label')].find(
    (element) => element.textContent?.trim() === name,
  )
  const input = label?.querySelector('input')
  if (!input) throw new Error(`no language "${name}"`)
  return input
}
const navText = () => document.querySelector('nav')?.textContent ?? ''

describe('language switch', () => {
  it('loads the Chinese catalogue when chosen, then shows the window in Chinese and remembers it', async () => {
    mountApp(App, { fake: createFakeApi({ profiles: [makeProfile({ id: 'p1', name: 'First' })] }) })
    await settle()
    expect(navText()).toContain('Tokens')
    expect(naiveLocaleOf('zh-CN').locale.name).toBe('en-US') // not loaded yet: English stands in

    languageRadio('简体中文').click()
    await settle()

    expect(navText()).toContain('令牌')
    expect(navText()).not.toContain('Tokens')
    expect(naiveLocaleOf('zh-CN').locale.name).toBe('zh-CN')
    expect(document.documentElement.lang).toBe('zh-CN')
    expect(window.localStorage.getItem(STORAGE_KEY)).toBe('zh-CN')
    expect(languageRadio('简体中文').checked).toBe(true)

    languageRadio('English').click()
    await settle()
    expect(navText()).toContain('Tokens')
    expect(document.documentElement.lang).toBe('en-US')
    expect(window.localStorage.getItem(STORAGE_KEY)).toBe('en-US')
  })

  it('keeps the last choice when the user changes their mind while a catalogue loads', async () => {
    mountApp(App, { fake: createFakeApi({ profiles: [makeProfile({ id: 'p1', name: 'First' })] }) })
    await settle()
    languageRadio('简体中文').click()
    await nextTick() // the buttons show the choice at once
    expect(languageRadio('简体中文').checked).toBe(true)
    expect(navText()).toContain('Tokens') // the catalogue has not arrived yet
    languageRadio('English').click()
    await settle()
    expect(navText()).toContain('Tokens')
    expect(document.documentElement.lang).toBe('en-US')
    expect(window.localStorage.getItem(STORAGE_KEY)).toBe('en-US')
  })
})
