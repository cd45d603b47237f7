import { afterEach, describe, expect, it } from 'vitest'
import type { AppCommand } from '@shared/domain/app-command'
import { createFakeApi, makeProfile, makeToken } from '@renderer/test/fake-api'
import { bodyText, button } from '@renderer/test/dom'
import { mountApp, settle } from '@renderer/test/mount-app'
import AppShell from './app-shell.vue'

// The desktop app's native menu sends `app.command`; the window runs the same action its own buttons
// and palette do. Folders: opened by the desktop app, their path shown by the browser host.

async function mountShell(desktop = false, commandWaiting?: AppCommand) {
  const fake = createFakeApi({
    profiles: [makeProfile({ id: 'p1' })],
    tokens: { p1: [makeToken({ id: 1, name: 'alpha' })] },
    commandWaiting,
  })
  fake.keyHost.desktop = desktop
  const mounted = mountApp(AppShell, { fake })
  await settle()
  return mounted
}

const newTokenEditor = () => document.querySelector('.n-drawer[aria-label="New token"]')
const current = () => document.querySelector('nav [aria-current="page"]')?.textContent?.trim()
const search = () => document.querySelector<HTMLInputElement>('input[aria-label="Search tokens"]')

afterEach(() => {
  document.body.innerHTML = ''
})

describe('native menu commands', () => {
  it('changes section on Go to Tokens / Outbox / Servers / Watch', async () => {
    const { fake } = await mountShell()
    expect(current()).toBe('Tokens')
    // Each section is the page's main landmark: one, around the table (a screen reader's "main" key).
    expect(document.querySelectorAll('[role="main"]')).toHaveLength(1)
    expect(document.querySelector('[role="main"] [role="grid"]')).not.toBeNull()
    fake.emit('app.command', { command: 'go-outbox' })
    await settle()
    expect(current()).toMatch(/^Outbox/)
    fake.emit('app.command', { command: 'go-servers' })
    await settle()
    expect(current()).toBe('Servers')
    fake.emit('app.command', { command: 'go-watch' })
    await settle()
    expect(current()).toMatch(/^Watch/)
    fake.emit('app.command', { command: 'go-tokens' })
    await settle()
    expect(current()).toBe('Tokens')
  })

  it('runs New Token and Search from another section: back to the tokens, then the command', async () => {
    const { fake } = await mountShell()
    fake.emit('app.command', { command: 'go-servers' })
    await settle()
    fake.emit('app.command', { command: 'search' })
    await settle()
    expect(current()).toBe('Tokens')
    expect(document.activeElement).toBe(search())

    fake.emit('app.command', { command: 'go-outbox' })
    await settle()
    expect(newTokenEditor()).toBeNull()
    fake.emit('app.command', { command: 'new-token' })
    await settle()
    expect(current()).toBe('Tokens')
    // The editor of a new token is open, as after the New token button.
    expect(newTokenEditor()).not.toBeNull()
  })

  it('runs the command picked in the tray or dock while the window was opening, once', async () => {
    const { fake } = await mountShell(false, 'go-watch')
    expect(current()).toMatch(/^Watch/)
    expect(fake.callsOf('app.takeCommand')).toHaveLength(1)
    fake.emit('app.command', { command: 'go-tokens' })
    await settle()
    expect(current()).toBe('Tokens')
  })

  it('runs a command once, not again when the tokens screen is shown later', async () => {
    const { fake } = await mountShell()
    fake.emit('app.command', { command: 'search' })
    await settle()
    expect(document.activeElement).toBe(search())
    search()!.blur()
    fake.emit('app.command', { command: 'go-servers' })
    await settle()
    fake.emit('app.command', { command: 'go-tokens' })
    await settle()
    expect(search()).not.toBeNull()
    expect(document.activeElement).not.toBe(search())
  })
})

describe("TokenDesk's files", () => {
  it('shows the folder’s path in the browser host, which cannot open it', async () => {
    const { fake } = await mountShell(false)
    fake.emit('app.command', { command: 'go-servers' })
    await settle()
    button('Open logs folder').click()
    await settle()
    expect(fake.callsOf('app.openFolder')).toEqual([{ kind: 'logs' }])
    expect(bodyText()).toContain('Logs folder: /home/alice/.config/TokenDesk/logs')
  })

  it('asks the desktop app to open the data folder', async () => {
    const { fake } = await mountShell(true)
    fake.emit('app.command', { command: 'go-servers' })
    await settle()
    button('Open data folder').click()
    await settle()
    expect(fake.callsOf('app.openFolder')).toEqual([{ kind: 'data' }])
  })

  it('says so when the folder could not be opened', async () => {
    const { fake } = await mountShell(true)
    fake.emit('app.command', { command: 'go-servers' })
    await settle()
    fake.failNext('app.openFolder', { code: 'internal', message: 'no file manager' })
    button('Open data folder').click()
    await settle()
    expect(bodyText()).toContain('Something went wrong')
  })
})
