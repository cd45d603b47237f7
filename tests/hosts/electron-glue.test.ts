import { existsSync, readFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { CHANNEL_NAMES, EVENT_CHANNEL_PREFIX } from '@shared/contract/channel-names'
import type { CoreEventListener, CoreHostApi } from '../../src/main/core/core-types'
import { resolveAppLocation } from '../../src/main/electron/trusted-url'

// The thin Electron files, with 'electron' replaced by recording stubs (the binary cannot run here).
// Only these glue files are tested this way; the decisions they delegate to are tested as pure functions.

type AnyFn = (...args: never[]) => unknown

const electron = vi.hoisted(() => {
  const ipcHandlers = new Map<string, (...args: unknown[]) => unknown>()
  const windows: { options: Record<string, unknown>; loadURL: unknown; loadFile: unknown }[] = []
  const appListeners = new Map<string, (...args: unknown[]) => unknown>()
  const makeSession = () => ({
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    webRequest: { onHeadersReceived: vi.fn() },
    protocol: { handle: vi.fn() },
  })
  const powerListeners = new Map<string, () => void>()
  return {
    ipcHandlers,
    windows,
    appListeners,
    powerListeners,
    makeSession,
    defaultSession: makeSession(),
    openExternal: vi.fn(async (_url: string) => undefined),
    // shell.openPath answers with an error text ('' when it worked).
    openPath: vi.fn(async (path: string) => (path === '/gone' ? 'Failed to open path' : '')),
    clipboardText: [] as string[],
    setApplicationMenu: vi.fn(),
    registerSchemesAsPrivileged: vi.fn(),
  }
})

vi.mock('electron', () => {
  class BrowserWindow {
    options: Record<string, unknown>
    loadURL = vi.fn(async () => undefined)
    loadFile = vi.fn(async () => undefined)
    once = vi.fn()
    show = vi.fn()
    constructor(options: Record<string, unknown>) {
      this.options = options
      electron.windows.push(this)
    }
  }
  return {
    BrowserWindow,
    ipcMain: {
      handle: vi.fn((channel: string, fn: (...args: unknown[]) => unknown) => {
        if (electron.ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`)
        electron.ipcHandlers.set(channel, fn)
      }),
      removeHandler: vi.fn((channel: string) => electron.ipcHandlers.delete(channel)),
    },
    app: {
      on: vi.fn((name: string, fn: (...args: unknown[]) => unknown) => electron.appListeners.set(name, fn)),
      whenReady: () => Promise.resolve(),
    },
    session: { defaultSession: electron.defaultSession },
    protocol: { registerSchemesAsPrivileged: electron.registerSchemesAsPrivileged },
    shell: { openExternal: electron.openExternal, openPath: electron.openPath },
    clipboard: { writeText: vi.fn((text: string) => electron.clipboardText.push(text)) },
    powerMonitor: {
      on: vi.fn((name: string, fn: () => void) => electron.powerListeners.set(name, fn)),
      off: vi.fn((name: string) => electron.powerListeners.delete(name)),
    },
    Menu: {
      buildFromTemplate: (template: unknown) => ({ template }),
      setApplicationMenu: electron.setApplicationMenu,
    },
  }
})

const { bindIpc, forwardEvents } = await import('../../src/main/electron/ipc-binding')
const { createMainWindow, secureWebPreferences } = await import('../../src/main/electron/main-window')
const { guardWebContents, handleWindowOpen, hardenSession, installSecurity } =
  await import('../../src/main/electron/security')
const { installAppMenu } = await import('../../src/main/electron/app-menu')
const { nativeText } = await import('../../src/main/electron/native-text/native-text')
const { forwardSystemSignals } = await import('../../src/main/electron/system-signals')
const { desktopActions } = await import('../../src/main/electron/desktop-actions')
const { registerAppScheme, serveAppScheme } = await import('../../src/main/electron/app-protocol')
const { tellCoreWhenWindowAway } = await import('../../src/main/electron/window-away')

const app = resolveAppLocation({ devServerUrl: undefined, isPackaged: true })
const appUrl = 'app://tokendesk/index.html'

function fakeCore() {
  const listeners = new Set<CoreEventListener>()
  const core: CoreHostApi = {
    dispatch: vi.fn(async (channel: string, input: unknown) => ({
      ok: true as const,
      value: { channel, input },
    })),
    onEvent: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close: async () => undefined,
  }
  return { core, listeners }
}

function fakeContents(url = appUrl) {
  const handlers = new Map<string, AnyFn>()
  const contents = {
    session: electron.makeSession(),
    on: vi.fn((name: string, fn: AnyFn) => handlers.set(name, fn)),
    once: vi.fn((name: string, fn: AnyFn) => handlers.set(name, fn)),
    setWindowOpenHandler: vi.fn(),
    send: vi.fn(),
    isDestroyed: vi.fn(() => false),
    getURL: vi.fn(() => url),
  }
  return { contents, handlers }
}

const navigationEvent = (url: string) => ({ url, preventDefault: vi.fn() })

beforeEach(() => {
  electron.ipcHandlers.clear()
  electron.windows.length = 0
  electron.openExternal.mockClear()
})

describe('ipc-binding', () => {
  it('registers exactly one handler per contract channel and removes them again', () => {
    const unbind = bindIpc(fakeCore().core, app)
    expect([...electron.ipcHandlers.keys()].sort()).toEqual([...CHANNEL_NAMES].sort())
    unbind()
    expect(electron.ipcHandlers.size).toBe(0)
  })

  it('forwards a call from the app frame to core.dispatch', async () => {
    const { core } = fakeCore()
    bindIpc(core, app)
    const handler = electron.ipcHandlers.get('profiles.add')!
    const result = await handler({ senderFrame: { url: `${appUrl}#/profiles`, parent: null } }, { name: 'x' })
    expect(core.dispatch).toHaveBeenCalledWith('profiles.add', { name: 'x' })
    expect(result).toEqual({ ok: true, value: { channel: 'profiles.add', input: { name: 'x' } } })
  })

  it.each([
    ['a foreign page', { url: 'https://evil.com/', parent: null }],
    ['a destroyed frame', null],
    ['an iframe', { url: appUrl, parent: { url: appUrl } }],
    ['another local file', { url: 'file:///etc/passwd', parent: null }],
  ])('answers forbidden to %s without calling dispatch', async (_label, senderFrame) => {
    const { core } = fakeCore()
    bindIpc(core, app)
    for (const channel of CHANNEL_NAMES) {
      const result = await electron.ipcHandlers.get(channel)!({ senderFrame }, {})
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    }
    expect(core.dispatch).not.toHaveBeenCalled()
  })

  it('sends core events to the app window on event:<name> and stops when it is destroyed', () => {
    const { core, listeners } = fakeCore()
    const { contents, handlers } = fakeContents()
    forwardEvents(core, contents as never, app)
    const payload = { profileId: 'p1', tokens: [], removedIds: [1] }
    for (const listener of listeners) listener('tokens.changed', payload)
    expect(contents.send).toHaveBeenCalledWith(`${EVENT_CHANNEL_PREFIX}tokens.changed`, payload)

    contents.getURL.mockReturnValue('https://evil.com/')
    for (const listener of listeners) listener('tokens.changed', payload)
    expect(contents.send).toHaveBeenCalledTimes(1)

    handlers.get('destroyed')!()
    expect(listeners.size).toBe(0)
  })
})

describe('main-window', () => {
  const secureSet = {
    preload: '/x/out/preload/index.cjs',
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    webviewTag: false,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
  }

  it('creates the window with exactly the secure webPreferences', () => {
    expect(secureWebPreferences('/x/out/preload/index.cjs')).toEqual(secureSet)
    createMainWindow({ app, preloadPath: '/x/out/preload/index.cjs' })
    expect(electron.windows).toHaveLength(1)
    expect(electron.windows[0]!.options['webPreferences']).toEqual(secureSet)
  })

  it('loads the built UI from app://tokendesk/index.html, or the dev server URL in dev', () => {
    createMainWindow({ app, preloadPath: '/p.cjs' })
    expect(electron.windows[0]!.loadURL).toHaveBeenCalledWith('app://tokendesk/index.html')
    expect(electron.windows[0]!.loadFile).not.toHaveBeenCalled()
    const dev = resolveAppLocation({ devServerUrl: 'http://localhost:5173', isPackaged: false })
    createMainWindow({ app: dev, preloadPath: '/p.cjs' })
    expect(electron.windows[1]!.loadURL).toHaveBeenCalledWith('http://localhost:5173/')
  })
})

describe('window-away', () => {
  it('tells the core the page stopped listening when it reloads, crashes or closes', () => {
    const { contents, handlers: pageEvents } = fakeContents()
    const windowEvents = new Map<string, AnyFn>()
    const window = {
      webContents: contents,
      on: vi.fn((name: string, fn: AnyFn) => windowEvents.set(name, fn)),
    }
    const core = { windowGone: vi.fn() }
    tellCoreWhenWindowAway(window as never, core)
    expect(core.windowGone).not.toHaveBeenCalled()
    for (const [events, name] of [
      [pageEvents, 'did-start-loading'],
      [pageEvents, 'render-process-gone'],
      [windowEvents, 'closed'],
    ] as const) {
      core.windowGone.mockClear()
      ;(events.get(name) as () => void)()
      expect(core.windowGone, name).toHaveBeenCalledTimes(1)
    }
  })
})

describe('security', () => {
  it('denies every new window and opens only https links externally', () => {
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'http://example.com/',
      'https://evil.com@app',
    ]) {
      expect(handleWindowOpen({ url })).toEqual({ action: 'deny' })
    }
    expect(electron.openExternal).not.toHaveBeenCalled()
    expect(handleWindowOpen({ url: 'https://example.com/docs?a=1' })).toEqual({ action: 'deny' })
    expect(electron.openExternal).toHaveBeenCalledExactlyOnceWith('https://example.com/docs?a=1')
  })

  it('blocks navigation and redirects away from the app, and every <webview>', () => {
    const { contents, handlers } = fakeContents()
    guardWebContents(contents as never, app)
    expect(contents.setWindowOpenHandler).toHaveBeenCalledWith(handleWindowOpen)
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const away = navigationEvent('https://evil.com/')
      handlers.get(name)!(away as never)
      expect(away.preventDefault).toHaveBeenCalled()
      const lookAlike = navigationEvent(appUrl.replace('index.html', 'index.html.evil'))
      handlers.get(name)!(lookAlike as never)
      expect(lookAlike.preventDefault).toHaveBeenCalled()
      const inside = navigationEvent(`${appUrl}#/tokens`)
      handlers.get(name)!(inside as never)
      expect(inside.preventDefault).not.toHaveBeenCalled()
    }
    const webview = { preventDefault: vi.fn() }
    handlers.get('will-attach-webview')!(webview as never)
    expect(webview.preventDefault).toHaveBeenCalled()
  })

  it('denies every permission request and check but notifications for the app page, once per session', () => {
    const session = electron.makeSession()
    hardenSession(session as never, app)
    hardenSession(session as never, app)
    expect(session.setPermissionRequestHandler).toHaveBeenCalledTimes(1)
    const request = session.setPermissionRequestHandler.mock.calls[0]![0] as AnyFn
    const appPage = { requestingUrl: app.url, isMainFrame: true }
    const answer = (permission: string, details: object) => {
      const callback = vi.fn()
      request({} as never, permission as never, callback as never, details as never)
      expect(callback).toHaveBeenCalledTimes(1)
      return callback.mock.calls[0]![0] as boolean
    }
    for (const permission of ['media', 'clipboard-read', 'geolocation', 'openExternal']) {
      expect(answer(permission, appPage)).toBe(false)
      expect(answer(permission, {})).toBe(false)
    }
    expect(answer('notifications', appPage)).toBe(true)
    expect(answer('notifications', { requestingUrl: 'https://evil.com/', isMainFrame: true })).toBe(false)
    expect(answer('notifications', { ...appPage, isMainFrame: false })).toBe(false)
    expect(answer('notifications', {})).toBe(false)
    const check = session.setPermissionCheckHandler.mock.calls[0]![0] as AnyFn
    expect(check(null as never, 'media' as never, 'https://evil.com' as never, {} as never)).toBe(false)
    expect(check(null as never, 'media' as never, 'file://' as never, appPage as never)).toBe(false)
    expect(check(null as never, 'notifications' as never, 'file://' as never, appPage as never)).toBe(true)
    expect(
      check(
        null as never,
        'notifications' as never,
        'https://evil.com' as never,
        {
          requestingUrl: 'https://evil.com/',
          isMainFrame: true,
        } as never,
      ),
    ).toBe(false)
    const device = session.setDevicePermissionHandler.mock.calls[0]![0] as AnyFn
    expect(device({} as never)).toBe(false)
  })

  it("adds the CSP header to the dev server's responses only", () => {
    const dev = resolveAppLocation({ devServerUrl: 'http://localhost:5173', isPackaged: false })
    const session = electron.makeSession()
    hardenSession(session as never, dev)
    const listener = session.webRequest.onHeadersReceived.mock.calls[0]![0] as AnyFn
    const onApp = vi.fn()
    listener(
      {
        url: 'http://localhost:5173/',
        responseHeaders: { 'content-security-policy': ['default-src *'] },
      } as never,
      onApp as never,
    )
    const headers = onApp.mock.calls[0]![0].responseHeaders as Record<string, string[]>
    expect(Object.keys(headers).filter((name) => /content-security-policy/i.test(name))).toHaveLength(1)
    expect(headers['Content-Security-Policy']![0]).toMatch(/frame-ancestors 'none'/)
    const onGateway = vi.fn()
    listener({ url: 'https://gateway.example/api/token/', responseHeaders: {} } as never, onGateway as never)
    expect(onGateway).toHaveBeenCalledWith({})
  })

  it("leaves the built UI's CSP to its app:// handler: no webRequest listener for it", () => {
    const session = electron.makeSession()
    hardenSession(session as never, app)
    expect(session.webRequest.onHeadersReceived).not.toHaveBeenCalled()
    expect(session.setPermissionRequestHandler).toHaveBeenCalled()
  })

  it('applies the rules to every web contents the app creates', async () => {
    installSecurity(app)
    const created = electron.appListeners.get('web-contents-created')!
    const { contents } = fakeContents()
    created({}, contents)
    expect(contents.setWindowOpenHandler).toHaveBeenCalled()
    expect(contents.session.setPermissionRequestHandler).toHaveBeenCalled()
    await Promise.resolve()
    expect(electron.defaultSession.setPermissionCheckHandler).toHaveBeenCalled()
  })
})

describe('desktop actions', () => {
  it('writes copied text to the OS clipboard in main', () => {
    desktopActions.writeClipboard('sk-copied')
    expect(electron.clipboardText).toEqual(['sk-copied'])
  })

  it('opens only the deep links of known clients', async () => {
    await desktopActions.openExternal('cherrystudio://providers/api-keys?v=1&data=e30%3D')
    expect(electron.openExternal).toHaveBeenCalledWith('cherrystudio://providers/api-keys?v=1&data=e30%3D')
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url']) {
      await expect(desktopActions.openExternal(url)).rejects.toThrow(/known client/)
    }
    expect(electron.openExternal).toHaveBeenCalledTimes(1)
  })

  it('opens a folder with the OS file manager, and fails when the OS says it could not', async () => {
    await desktopActions.openFolder('/home/me/.config/TokenDesk')
    expect(electron.openPath).toHaveBeenCalledWith('/home/me/.config/TokenDesk')
    await expect(desktopActions.openFolder('/gone')).rejects.toThrow(/Failed to open path/)
  })
})

describe('app-menu', () => {
  it('installs the menu built from its template (the template itself: app-menu.test.ts)', () => {
    installAppMenu({
      isMac: false,
      isPackaged: true,
      appName: 'TokenDesk',
      t: nativeText('zh-CN'),
      actions: {
        command: vi.fn(),
        syncNow: vi.fn(),
        openFolder: vi.fn(),
        checkForUpdates: vi.fn(),
        about: vi.fn(),
      },
    })
    const installed = electron.setApplicationMenu.mock.calls.at(-1)![0] as { template: { label: string }[] }
    expect(installed.template.map((menu) => menu.label)).toEqual([
      '文件',
      '编辑',
      '视图',
      '前往',
      '窗口',
      '帮助',
    ])
  })
})

describe('system signals', () => {
  it('tells the core when the machine wakes up or is unlocked, until unsubscribed', () => {
    const { core } = fakeCore()
    const stop = forwardSystemSignals(core)
    electron.powerListeners.get('resume')!()
    electron.powerListeners.get('unlock-screen')!()
    expect(core.dispatch).toHaveBeenCalledWith('app.signal', { signal: 'resume' })
    expect(core.dispatch).toHaveBeenCalledTimes(2)
    stop()
    expect(electron.powerListeners.size).toBe(0)
  })
})

describe('app-protocol', () => {
  // The handler's decisions are tested in app-scheme-response.test.ts; here only that the glue hands the
  // right things to Electron.
  it('registers only the app scheme as privileged, with the least privileges', () => {
    registerAppScheme()
    expect(electron.registerSchemesAsPrivileged).toHaveBeenCalledExactlyOnceWith([
      { scheme: 'app', privileges: { standard: true, secure: true, codeCache: true } },
    ])
  })

  it('serves the built renderer on the session the window uses, passing who asked along', async () => {
    if (!existsSync('out/renderer/index.html')) {
      execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' })
    }
    const session = electron.makeSession()
    serveAppScheme(session as never, 'out/renderer')
    expect(session.protocol.handle).toHaveBeenCalledTimes(1)
    const [scheme, handler] = session.protocol.handle.mock.calls[0] as unknown as [
      string,
      (request: unknown) => Promise<Response>,
    ]
    expect(scheme).toBe('app')
    const page = await handler(new Request(appUrl))
    expect(page.status).toBe(200)
    expect(await page.text()).toBe(readFileSync('out/renderer/index.html', 'utf8'))
    expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/)
    // Electron adds the initiator to the request it passes in; the glue must not drop it.
    const foreign = Object.assign(new Request(appUrl), { initiatorOrigin: 'https://evil.com' })
    expect((await handler(foreign)).status).toBe(403)
  })
})
