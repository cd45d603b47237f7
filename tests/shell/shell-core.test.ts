import { afterEach, describe, expect, it } from 'vitest'
import { logFolderOf } from '../../src/main/core/logger'
import { startCoreHarness, type CoreHarness } from '../core/core-harness'
import { syncNow, syncTargets } from '../../src/main/electron/sync-now'

// What the menu, tray and dock ask of a real core (real files, keychain and sandbox gateway): open a folder,
// send a command to the window, follow the window's language, and Sync Now over every server.

let harness: CoreHarness | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read()
    if (done(value)) return value
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('app.openFolder', () => {
  it('opens the data or logs folder through the desktop, choosing the path itself', async () => {
    const opened: string[] = []
    harness = await startCoreHarness(
      {},
      {
        desktop: {
          writeClipboard: () => undefined,
          openExternal: async () => undefined,
          openFolder: async (path) => void opened.push(path),
        },
      },
    )
    expect(await harness.value('app.openFolder', { kind: 'data' })).toEqual({
      path: harness.dataDir,
      opened: true,
    })
    expect(await harness.value('app.openFolder', { kind: 'logs' })).toEqual({
      path: logFolderOf(harness.dataDir),
      opened: true,
    })
    expect(opened).toEqual([harness.dataDir, logFolderOf(harness.dataDir)])
  })

  it('refuses any folder but its own two, with a validation error', async () => {
    harness = await startCoreHarness()
    for (const input of [{ kind: '/etc' }, { kind: 'home' }, {}, undefined]) {
      const result = await harness.call('app.openFolder', input)
      expect(result.ok || result.error.code).toBe('validation')
    }
    // A path sent along is dropped by the schema, never used: still the data folder.
    expect(await harness.value('app.openFolder', { kind: 'data', path: '/etc' })).toEqual({
      path: harness.dataDir,
      opened: false,
    })
  })

  it('answers with the path in the browser host, which opens nothing', async () => {
    harness = await startCoreHarness()
    expect(await harness.value('app.openFolder', { kind: 'logs' })).toEqual({
      path: logFolderOf(harness.dataDir),
      opened: false,
    })
  })

  it('reports a folder the OS could not open as an error, not a success', async () => {
    harness = await startCoreHarness(
      {},
      {
        desktop: {
          writeClipboard: () => undefined,
          openExternal: async () => undefined,
          openFolder: async () => {
            throw new Error('no file manager')
          },
        },
      },
    )
    const result = await harness.call('app.openFolder', { kind: 'data' })
    expect(result.ok).toBe(false)
  })
})

describe('menu commands and language', () => {
  it('sends a menu command to a listening window as an app.command event', async () => {
    harness = await startCoreHarness()
    expect(await harness.value('app.takeCommand', undefined)).toBeNull()
    harness.core.command('go-outbox')
    expect(harness.events.filter((event) => event.event === 'app.command')).toEqual([
      { event: 'app.command', payload: { command: 'go-outbox' } },
    ])
  })

  it('keeps a command picked while the window opens until it listens, then sends it once', async () => {
    harness = await startCoreHarness()
    const sent = () => harness!.events.filter((event) => event.event === 'app.command')
    // The tray's "on the Watch" with no window: the host opens one, which is still loading.
    harness.core.command('go-tokens')
    harness.core.command('go-watch')
    expect(sent()).toEqual([])
    // The window's handler subscribes and takes the newest pick; nothing is left for a second take.
    expect(await harness.value('app.takeCommand', undefined)).toBe('go-watch')
    expect(await harness.value('app.takeCommand', undefined)).toBeNull()
    expect(sent()).toEqual([])
    // Closed (or reloading): the next one waits for the new window again.
    harness.core.windowGone()
    harness.core.command('new-token')
    expect(sent()).toEqual([])
    expect(await harness.value('app.takeCommand', undefined)).toBe('new-token')
    harness.core.command('search')
    expect(sent()).toEqual([{ event: 'app.command', payload: { command: 'search' } }])
  })

  it('follows the window’s language, telling the host once per change', async () => {
    harness = await startCoreHarness()
    const heard: string[] = []
    const stop = harness.core.onLocaleChange((locale) => heard.push(locale))
    expect(harness.core.locale()).toBe('en-US')
    await harness.value('app.setLocale', { locale: 'zh-CN' })
    await harness.value('app.setLocale', { locale: 'zh-CN' })
    expect(harness.core.locale()).toBe('zh-CN')
    stop()
    await harness.value('app.setLocale', { locale: 'en-US' })
    expect(heard).toEqual(['zh-CN'])
  })
})

describe('Sync Now', () => {
  it('chooses servers with drafts, never a production one', () => {
    const profiles = [
      { id: 'a', production: false },
      { id: 'b', production: true },
      { id: 'c', production: false },
    ]
    const states = [
      { profileId: 'a', unsynced: 2 },
      { profileId: 'b', unsynced: 5 },
      { profileId: 'c', unsynced: 0 },
    ]
    expect(syncTargets(profiles, states)).toEqual(['a'])
  })

  it('sends every waiting draft of each ordinary server and leaves a production server’s for its push', async () => {
    harness = await startCoreHarness({ seedTokens: 2 })
    const h = harness
    const plain = await h.addSandboxProfile()
    const production = await h.addSandboxProfile()
    const updated = await h.call('profiles.update', {
      id: production.id,
      name: 'Sandbox 2',
      baseUrl: h.sandbox.baseUrl,
      userId: h.sandbox.userId,
      production: true,
    })
    expect(updated.ok).toBe(true)
    const [first, second] = h.sandbox.control.tokens()
    expect((await h.edit(plain.id, first!.id, { changes: { name: 'sent by Sync Now' } }, 'hold')).ok).toBe(
      true,
    )
    expect(
      (await h.edit(production.id, second!.id, { changes: { name: 'held for review' } }, 'hold')).ok,
    ).toBe(true)

    const report = await syncNow(h.core)
    expect(report).toEqual({ sent: [plain.id], failed: [] })
    await until(
      () => h.value<{ drafts: unknown[] }>('drafts.list', { profileId: plain.id }),
      (list) => list.drafts.length === 0,
    )
    expect(h.sandbox.control.token(first!.id)!.name).toBe('sent by Sync Now')
    expect(h.sandbox.control.token(second!.id)!.name).toBe(second!.name)
    const states = await h.value<{ profileId: string; unsynced: number }[]>('servers.states')
    expect(states.find((state) => state.profileId === production.id)!.unsynced).toBe(1)
  })
})
