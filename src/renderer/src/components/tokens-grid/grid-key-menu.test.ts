import { afterEach, describe, expect, it } from 'vitest'
import { createFakeApi, makeProfile, makeToken } from '@renderer/test/fake-api'
import { fakeKeyOf } from '@renderer/test/fake-keys'
import { bodyText, button } from '@renderer/test/dom'
import { mountApp, settle } from '@renderer/test/mount-app'
import { useProfilesStore } from '@renderer/stores/profiles'
import TokensView from '@renderer/views/tokens-view.vue'

// The table's key buttons as a user works them: every row's button and the selection bar's open the one
// key menu of the screen, under that button, for that token (or the selection), and the focus comes back
// to the button when the menu closes.

const tokens = ['alpha', 'bravo', 'charlie', 'delta'].map((name, index) => makeToken({ id: index + 1, name }))

async function mountView() {
  const fake = createFakeApi({ profiles: [makeProfile({ id: 'p1' })], tokens: { p1: tokens } })
  mountApp(TokensView, { fake })
  await useProfilesStore().hydrate()
  await settle()
  return fake
}

const keyButton = (name: string) => button(`Key actions for ${name}`)
const menus = () => [...document.querySelectorAll<HTMLElement>('[role="menu"]')]
const menuItem = (text: string) => {
  const found = [...document.querySelectorAll<HTMLElement>('[role="menuitem"]')].find(
    (item) => item.textContent?.trim() === text,
  )
  if (!found) throw new Error(`no menu item "${text}"`)
  return found.querySelector<HTMLElement>('.n-dropdown-option-body')!
}
const expanded = () =>
  [...document.querySelectorAll('button[aria-haspopup="menu"][aria-expanded="true"]')].map((b) =>
    b.getAttribute('aria-label'),
  )
const escape = () =>
  document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true }))

afterEach(() => {
  document.body.innerHTML = ''
})

describe('the key menu of the token table', () => {
  it('is one menu for every row, opened under the button that asked and labelled with its token', async () => {
    const fake = await mountView()
    // Rows carry a plain button each and no menu: nothing of a menu is in the page before one is opened.
    expect(document.querySelectorAll('[data-action="keys"]')).toHaveLength(tokens.length)
    expect(document.querySelectorAll('.n-dropdown-menu')).toHaveLength(0)

    keyButton('bravo').click()
    await settle()
    expect(menus().map((menu) => menu.getAttribute('aria-label'))).toEqual(['Key actions for bravo'])
    expect(expanded()).toEqual(['Key actions for bravo'])
    expect(bodyText()).toContain('Key reveals left: 19 of 19')

    // Another row's button: the same one menu moves to that token.
    keyButton('delta').click()
    await settle()
    expect(menus().map((menu) => menu.getAttribute('aria-label'))).toEqual(['Key actions for delta'])
    expect(expanded()).toEqual(['Key actions for delta'])

    menuItem('Copy key').click()
    await settle()
    expect(fake.callsOf('keys.copy')).toEqual([{ profileId: 'p1', tokenIds: [4], format: 'keys' }])
    expect(await navigator.clipboard.readText()).toBe(fakeKeyOf(4))
    expect(menus()).toEqual([])
    expect(expanded()).toEqual([])
    expect(document.activeElement).toBe(keyButton('delta'))
  })

  it('closes on Escape or on its own button again, doing nothing, and gives the focus back', async () => {
    const fake = await mountView()
    keyButton('alpha').click()
    await settle()
    expect(menus()).toHaveLength(1)
    escape()
    await settle()
    expect(menus()).toEqual([])
    expect(document.activeElement).toBe(keyButton('alpha'))

    keyButton('charlie').click()
    await settle()
    expect(expanded()).toEqual(['Key actions for charlie'])
    keyButton('charlie').click()
    await settle()
    expect(menus()).toEqual([])
    expect(expanded()).toEqual([])
    expect(fake.callsOf('keys.copy')).toEqual([])
  })

  it('opened from the keyboard, starts with its first item picked: Enter, Enter copies the key', async () => {
    const fake = await mountView()
    keyButton('bravo').focus()
    keyButton('bravo').click() // Enter on a button: a click without a click count
    await settle()
    const picked = () =>
      [...document.querySelectorAll('.n-dropdown-option-body--pending')].map((item) =>
        item.textContent?.trim(),
      )
    expect(picked()).toEqual(['Copy key'])
    // And again after closing it: the first item, not the one after the item picked last time.
    escape()
    await settle()
    keyButton('bravo').click()
    await settle()
    expect(picked()).toEqual(['Copy key'])
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }))
    await settle()
    expect(fake.callsOf('keys.copy')).toEqual([{ profileId: 'p1', tokenIds: [2], format: 'keys' }])
    expect(await navigator.clipboard.readText()).toBe(fakeKeyOf(2))
  })

  it('opened by a mouse click, has nothing picked: a stray Enter copies nothing', async () => {
    const fake = await mountView()
    // Even after an opening from the keyboard picked an item.
    keyButton('bravo').focus()
    keyButton('bravo').click()
    await settle()
    escape()
    await settle()
    expect(menus()).toHaveLength(0)
    keyButton('bravo').dispatchEvent(new MouseEvent('click', { bubbles: true, detail: 1 }))
    await settle()
    expect(menus()).toHaveLength(1)
    expect(document.querySelectorAll('.n-dropdown-option-body--pending')).toHaveLength(0)
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }))
    await settle()
    expect(fake.callsOf('keys.copy')).toEqual([])
  })

  it('keeps the arrows for itself while open: they move in the menu, not to another row', async () => {
    await mountView()
    keyButton('bravo').focus()
    keyButton('bravo').click()
    await settle()
    // The focus is in the menu now; ↓ there stays in it (the table's own ↓ would move to another row).
    document.activeElement!.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, cancelable: true }),
    )
    await settle()
    expect(document.activeElement).toBe(menus()[0])
    expect(expanded()).toEqual(['Key actions for bravo'])
  })

  it('closes when the focus leaves it, so keys meant for what has the focus then do not choose in it', async () => {
    const fake = await mountView()
    keyButton('bravo').focus()
    keyButton('bravo').click()
    await settle()
    expect(menus()).toHaveLength(1)
    // Tab away: closed, and the Tab goes on (its default is not taken).
    const tab = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true })
    keyButton('bravo').dispatchEvent(tab)
    await settle()
    expect(tab.defaultPrevented).toBe(false)
    expect(expanded()).toEqual([])
    // Open again, then something else takes the focus: closed too; Enter there copies nothing.
    keyButton('bravo').click()
    await settle()
    expect(expanded()).toEqual(['Key actions for bravo'])
    const search = document.querySelector<HTMLInputElement>('input[aria-label="Search tokens"]')!
    search.focus()
    await settle()
    expect(expanded()).toEqual([])
    search.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true }))
    await settle()
    expect(fake.callsOf('keys.copy')).toEqual([])
  })

  it('closes when its row comes to show another token, never acting on a token the user did not choose', async () => {
    const fake = await mountView()
    keyButton('alpha').click()
    await settle()
    expect(menus()).toHaveLength(1)
    // Sorted by name, descending: the first row's button now stands for delta.
    const nameHeader = [...document.querySelectorAll<HTMLElement>('[role="columnheader"] button')].find((b) =>
      b.textContent?.includes('Name'),
    )!
    nameHeader.click()
    await settle()
    nameHeader.click()
    await settle()
    expect(document.querySelector('.token-name')?.textContent).toBe('delta')
    expect(menus()).toEqual([])
    expect(expanded()).toEqual([])
    expect(fake.callsOf('keys.copy')).toEqual([])
  })

  it('copies the keys of the selection from the selection bar, through the same menu', async () => {
    const fake = await mountView()
    for (const name of ['charlie', 'alpha'])
      document.querySelector<HTMLInputElement>(`input[aria-label="Select token ${name}"]`)!.click()
    await settle()
    const toolbar = document.querySelector<HTMLElement>('[role="toolbar"]')!
    const trigger = button('Key actions for 2 tokens', toolbar)
    expect(trigger.getAttribute('aria-haspopup')).toBe('menu')
    trigger.click()
    await settle()
    expect(menus().map((menu) => menu.getAttribute('aria-label'))).toEqual(['Key actions for 2 tokens'])
    expect(trigger.getAttribute('aria-expanded')).toBe('true')
    // Several tokens: no "open in" (a deep link carries one key).
    expect(bodyText()).not.toContain('Open in')
    menuItem('Copy 2 keys').click()
    await settle()
    // In the order the table lists them, one per line.
    expect(fake.callsOf('keys.copy')).toEqual([{ profileId: 'p1', tokenIds: [1, 3], format: 'keys' }])
    expect((await navigator.clipboard.readText()).split('\n')).toEqual([fakeKeyOf(1), fakeKeyOf(3)])
    expect(bodyText()).toContain('2 keys copied to the clipboard.')
    expect(document.activeElement).toBe(trigger)
    trigger.click()
    await settle()
    expect(bodyText()).toContain('Key reveals left: 18 of 19')
  })

  it('takes the focus when it opens and names the item the arrows reach, for a screen reader', async () => {
    await mountView()
    keyButton('charlie').click() // Enter on the button: opened from the keyboard
    await settle()
    const [menu] = menus()
    expect(document.activeElement).toBe(menu)
    const reached = async () => {
      await new Promise((resolve) => requestAnimationFrame(resolve))
      return document.getElementById(menu!.getAttribute('aria-activedescendant') ?? '')?.textContent?.trim()
    }
    expect(await reached()).toBe('Copy key')
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }))
    await settle()
    expect(await reached()).toBe('Copy connection info')
    escape()
    await settle()
    expect(document.activeElement).toBe(keyButton('charlie'))
  })
})
