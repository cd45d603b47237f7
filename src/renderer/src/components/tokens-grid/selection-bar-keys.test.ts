import { afterEach, describe, expect, it } from 'vitest'
import { createFakeApi, makeProfile, makeToken } from '@renderer/test/fake-api'
import { mountApp, settle } from '@renderer/test/mount-app'
import { useProfilesStore } from '@renderer/stores/profiles'
import TokensView from '@renderer/views/tokens-view.vue'

// The selection bar is a toolbar: one Tab stop, and ←/→, Home and End move along its buttons.

const tokens = ['alpha', 'bravo', 'charlie'].map((name, index) => makeToken({ id: index + 1, name }))

afterEach(() => {
  document.body.innerHTML = ''
})

async function barWithSelection(): Promise<HTMLElement> {
  const fake = createFakeApi({ profiles: [makeProfile({ id: 'p1' })], tokens: { p1: tokens } })
  mountApp(TokensView, { fake })
  await useProfilesStore().hydrate()
  await settle()
  document.querySelector<HTMLInputElement>('input[aria-label="Select token bravo"]')!.click()
  await settle()
  return document.querySelector<HTMLElement>('[role="toolbar"]')!
}

const press = (key: string) =>
  document.activeElement!.dispatchEvent(
    new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }),
  )
const focused = () => document.activeElement?.textContent?.trim()
const tabStops = (bar: HTMLElement) =>
  [...bar.querySelectorAll<HTMLElement>('button')]
    .filter((b) => b.tabIndex === 0)
    .map((b) => b.textContent?.trim())

describe('the selection bar from the keyboard', () => {
  it('is one Tab stop, and the arrows, Home and End move along its buttons', async () => {
    const bar = await barWithSelection()
    const buttons = [...bar.querySelectorAll<HTMLElement>('button')]
    const names = buttons.map((b) => b.textContent?.trim())
    expect(tabStops(bar)).toEqual([names[0]])
    buttons[0]!.focus()
    press('ArrowRight')
    expect(focused()).toBe(names[1])
    press('End')
    expect(focused()).toBe(names.at(-1))
    press('ArrowRight') // round to the first
    expect(focused()).toBe(names[0])
    press('ArrowLeft')
    expect(focused()).toBe(names.at(-1))
    press('Home')
    press('ArrowRight')
    press('ArrowRight')
    // The button last reached keeps the Tab stop.
    expect(tabStops(bar)).toEqual([names[2]])
  })
})
