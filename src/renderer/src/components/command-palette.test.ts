import { afterEach, describe, expect, it } from 'vitest'
import { TOKEN_STATUS } from '@shared/domain/token-values'
import { createFakeApi, makeProfile, makeToken } from '@renderer/test/fake-api'
import { bodyText, button, typeInto } from '@renderer/test/dom'
import { mountApp, settle } from '@renderer/test/mount-app'
import { useNavigationStore } from '@renderer/stores/navigation'
import AppShell from './app-shell.vue'

// The window without a mouse: its keys and the command palette, which the shell holds for every screen
// (the tokens screen adds its own commands).

const NOW = Math.floor(Date.now() / 1000)
const tokens = [
  makeToken({ id: 1, name: 'alpha' }),
  makeToken({ id: 2, name: 'bravo', expired_time: NOW - 60 }),
  makeToken({ id: 3, name: 'charlie', status: TOKEN_STATUS.disabled }),
]

async function mountView() {
  const fake = createFakeApi({
    profiles: [makeProfile({ id: 'p1' }), makeProfile({ id: 'p2', name: 'Backup gateway' })],
    tokens: { p1: tokens, p2: [] },
  })
  const mounted = mountApp(AppShell, { fake })
  await settle()
  return mounted
}

const press = (key: string, init: KeyboardEventInit = {}, target: EventTarget = document.body) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }))
const names = () =>
  [...document.querySelectorAll('.tokens-grid__body [role="row"] .token-name')].map((cell) =>
    cell.textContent?.trim(),
  )
const palette = () => document.querySelector<HTMLInputElement>('input[aria-label="Search commands"]')
const search = () => document.querySelector<HTMLInputElement>('input[aria-label="Search tokens"]')!

afterEach(() => {
  document.body.innerHTML = ''
})

describe('keyboard and command palette', () => {
  it('runs a filter found by typing in the palette (Ctrl+K, type, Enter)', async () => {
    await mountView()
    press('k', { ctrlKey: true })
    await settle()
    expect(palette()).not.toBeNull()
    // Its examples are of what this screen can do.
    expect(palette()!.placeholder).toContain('"sort remaining"')
    typeInto(palette()!, 'only expired')
    await settle()
    const options = [...document.querySelectorAll('[role="option"]')].map((option) => option.textContent)
    expect(options).toEqual([expect.stringContaining('Show only Expired')])
    press('Enter', {}, palette()!)
    await settle()
    expect(names()).toEqual(['bravo'])
    expect(bodyText()).toContain('1 of 3 tokens')
  })

  it('finds tokens by name or key, also those the filters hide, and opens the one chosen', async () => {
    await mountView()
    press('k', { ctrlKey: true })
    await settle()
    typeInto(palette()!, 'only expired')
    await settle()
    press('Enter', {}, palette()!)
    await settle()
    expect(names()).toEqual(['bravo'])
    press('k', { ctrlKey: true })
    await settle()
    typeInto(palette()!, 'HARL')
    await settle()
    const options = [...document.querySelectorAll('[role="option"]')].map((option) => option.textContent)
    expect(options).toEqual([expect.stringMatching(/^Open token\s*charlie\s*\S+ · Disabled$/)])
    press('Enter', {}, palette()!)
    await settle()
    expect(document.querySelector<HTMLInputElement>('#token-name')?.value).toBe('charlie')
    // The table keeps its filter; the token in the editor is shown beside what it leaves, until the
    // editor closes.
    expect(names()).toEqual(['bravo', 'charlie'])
    press('Escape', {}, document.querySelector<HTMLElement>('#token-name')!)
    await settle()
    expect(document.querySelector('#token-name')).toBeNull()
    expect(names()).toEqual(['bravo'])
  })

  it('keeps what is typed before its field is drawn for it, not for the screen’s keys behind it', async () => {
    await mountView()
    search().focus()
    // Ctrl+K and straight on, before the palette has loaded: N would open a new token, R refresh.
    press('k', { ctrlKey: true }, search())
    for (const key of ['n', 'r', 'x', 'Backspace', 'i', 'e', 'Enter']) press(key, {}, search())
    await settle()
    await new Promise((resolve) => setTimeout(resolve, 100))
    await settle()
    expect(document.querySelector('.n-drawer[aria-label="New token"]')).toBeNull()
    // "nrie" finds no command and no token: nothing ran, and it is all in the field.
    expect(palette()?.value).toBe('nrie')
    typeInto(palette()!, '')
    press('Escape', {}, palette()!)
    await settle()
    // Typed ahead with Enter: the first match runs once the field has it.
    press('k', { ctrlKey: true })
    for (const key of [...'charl', 'Enter']) press(key)
    await settle()
    await new Promise((resolve) => setTimeout(resolve, 100))
    await settle()
    expect(document.querySelector<HTMLInputElement>('#token-name')?.value).toBe('charlie')
  })

  it('moves through the matches with the arrows and offers the other servers', async () => {
    await mountView()
    press('k', { metaKey: true })
    await settle()
    typeInto(palette()!, 'switch')
    await settle()
    expect([...document.querySelectorAll('[role="option"]')].map((o) => o.textContent)).toEqual([
      expect.stringContaining('Switch to Backup gateway'),
    ])
    // Every other section is one command away, as in the app menu.
    typeInto(palette()!, 'watch')
    await settle()
    expect([...document.querySelectorAll('[role="option"]')].map((o) => o.textContent)).toContainEqual(
      expect.stringContaining('Watch'),
    )
    typeInto(palette()!, 'sort name')
    await settle()
    press('ArrowDown', {}, palette()!)
    await settle()
    expect(document.querySelector('[role="option"][aria-selected="true"]')?.textContent).toContain(
      'descending',
    )
    press('Enter', {}, palette()!)
    await settle()
    expect(names()).toEqual(['charlie', 'bravo', 'alpha'])
  })

  it('opens on every screen, with what can be done from there', async () => {
    await mountView()
    useNavigationStore().go('outbox')
    await settle()
    press('k', { ctrlKey: true })
    await settle()
    expect(palette()).not.toBeNull()
    // No filter or sort suggested where there is none to run.
    expect(palette()!.placeholder).toBe('Type a command: a section, a server…')
    const labels = () => [...document.querySelectorAll('[role="option"]')].map((o) => o.textContent ?? '')
    // No token commands away from the tokens screen; the sections, servers and folders are there.
    expect(labels().some((label) => label.includes('Show only Expired'))).toBe(false)
    expect(labels().some((label) => label.includes('Switch to Backup gateway'))).toBe(true)
    expect(labels().some((label) => label.includes('Outbox'))).toBe(false)
    typeInto(palette()!, 'tokens')
    await settle()
    press('Enter', {}, palette()!)
    await settle()
    expect(useNavigationStore().section).toBe('tokens')
    expect(names()).toEqual(['alpha', 'bravo', 'charlie'])
  })

  it('steps the open editor to the next and previous token with Alt+↓/↑, from the table or the editor', async () => {
    await mountView()
    button('Edit token alpha').click()
    await settle()
    press('ArrowDown', { altKey: true })
    await settle()
    expect(document.querySelector<HTMLInputElement>('#token-name')?.value).toBe('bravo')
    press('ArrowDown', { altKey: true }, document.querySelector('#token-name')!)
    await settle()
    expect(document.querySelector<HTMLInputElement>('#token-name')?.value).toBe('charlie')
    press('ArrowUp', { altKey: true })
    await settle()
    expect(document.querySelector<HTMLInputElement>('#token-name')?.value).toBe('bravo')
  })

  it('opens a new token with N and the search with /, but not while the user types', async () => {
    await mountView()
    press('/')
    await settle()
    expect(document.activeElement).toBe(search())
    press('n', {}, search())
    await settle()
    expect(document.querySelector('#token-name')).toBeNull()
    search().blur()
    press('n')
    await settle()
    expect(document.querySelector('#token-name')).not.toBeNull()
    expect(bodyText()).toContain('New token')
  })

  it('takes / from a checkbox that has the focus: it takes no letters', async () => {
    await mountView()
    const selectAll = document.querySelector<HTMLInputElement>(
      '[role="columnheader"] input[type="checkbox"]',
    )!
    selectAll.focus()
    press('/', {}, selectAll)
    await settle()
    expect(document.activeElement).toBe(search())
  })
})
