import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, dialog, net, session } from 'electron'
import { APP_ID } from './app-identity'
import { createCore } from '../core/create-core'
import { createKeytarStore } from '../core/vault/keytar-store'
import { startDemo } from '../core/demo/start-demo'
import type { CoreApi } from '../core/core-types'
import { registerAppScheme, serveAppScheme } from './app-protocol'
import { bindIpc, forwardEvents } from './ipc-binding'
import { createMainWindow } from './main-window'
import { desktopActions } from './desktop-actions'
import { installDesktopShell } from './desktop-shell'
import { installSecurity } from './security'
import { forwardSystemSignals } from './system-signals'
import type { TrayHandle } from './tray'
import { keepsRunningWithoutWindow } from './window-close'
import { tellCoreWhenWindowAway } from './window-away'
import { resolveAppLocation } from './trusted-url'
import { rememberPlacement, restoredPlacement } from './window-memory'
import { openWindowStateFile } from './window-state-file'
import { updateFeed } from './update-rules'
import type { WindowState } from './window-placement'
import type { JsonFile } from '../core/storage/json-file'

// The Electron host: app lifecycle and wiring only. Everything that is not Electron glue lives in the core
// (shared with the browser host), so this file stays a list of steps.

// Paths are resolved from this built file (out/main/index.js), never from the working directory.
const here = dirname(fileURLToPath(import.meta.url))
const preloadPath = join(here, '../preload/index.cjs')
const rendererDir = join(here, '../renderer')
const location = resolveAppLocation({
  devServerUrl: process.env['ELECTRON_RENDERER_URL'],
  isPackaged: app.isPackaged,
})
const isMac = process.platform === 'darwin'

// Tests and portable setups point the app at a data folder and keychain service of their own.
const dataDirOverride = process.env['TOKENDESK_DATA_DIR']
if (dataDirOverride) app.setPath('userData', dataDirOverride)
const keychainService = process.env['TOKENDESK_KEYCHAIN_SERVICE'] || 'TokenDesk'
// `npm start -- --demo`: open straight into the demo server the core runs itself.
const openDemo = process.argv.includes('--demo')
// Fixed at build time (README "Updates"); unset, updates are off.
const feed = updateFeed(import.meta.env.MAIN_VITE_UPDATE_FEED_URL)

let core: CoreApi | null = null
let mainWindow: BrowserWindow | null = null
let windowState: JsonFile<WindowState | null> | null = null
let tray: TrayHandle | null = null

// Electron's net.fetch goes through Chromium's network stack, so it honours the system proxy. It takes a
// string or Request but not a URL object, which the global fetch signature the core codes against allows.
const electronFetch: typeof globalThis.fetch = (input, init) =>
  net.fetch(input instanceof URL ? input.href : input, init)

function openMainWindow(activeCore: CoreApi): void {
  const window = createMainWindow({
    app: location,
    preloadPath,
    placement: windowState ? restoredPlacement(windowState) : undefined,
  })
  if (windowState) rememberPlacement(window, windowState)
  forwardEvents(activeCore, window.webContents, location)
  tellCoreWhenWindowAway(window, activeCore)
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null
  })
  mainWindow = window
}

/** Brings the window up: a second launch, the tray's Open, the dock, a menu command with none open. */
function showMainWindow(): void {
  if (!mainWindow) {
    if (core) openMainWindow(core)
    return
  }
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.show()
  mainWindow.focus()
}

async function start(): Promise<void> {
  await app.whenReady()
  // The UI's files are served before anything can open a window onto them.
  if (location.kind === 'scheme') serveAppScheme(session.defaultSession, rendererDir)
  const started = await createCore({
    dataDir: app.getPath('userData'),
    secretStore: createKeytarStore(keychainService),
    fetch: electronFetch,
    host: 'electron',
    appVersion: app.getVersion(),
    locale: app.getLocale(),
    desktop: desktopActions,
  })
  core = started
  windowState = await openWindowStateFile(app.getPath('userData'))
  if (openDemo) await startDemo(started)
  bindIpc(started, location)
  forwardSystemSignals(started)
  tray = installDesktopShell({
    core: started,
    isMac,
    feed,
    window: () => mainWindow,
    showWindow: showMainWindow,
  })
  openMainWindow(started)
}

// A second copy would fight over the same data files and keychain entries: hand over to the first one.
if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  // Windows: notifications and the tray's balloon are shown only under the installer's app id.
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID)
  // Every renderer is sandboxed, including any created by mistake without explicit webPreferences.
  app.enableSandbox()
  // Privileges of the UI's scheme: Chromium accepts them only before ready.
  if (location.kind === 'scheme') registerAppScheme()
  installSecurity(location)

  app.on('second-instance', showMainWindow)
  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open brings the window back.
    if (BrowserWindow.getAllWindows().length === 0) showMainWindow()
  })
  // macOS and Windows keep running (dock, tray) and sending queued drafts; Linux quits (window-close.ts).
  app.on('window-all-closed', () => {
    if (keepsRunningWithoutWindow(process.platform)) tray?.noteKeptRunning()
    else app.quit()
  })

  // Let the core finish writes and stop its queues before the process exits.
  app.on('will-quit', (event) => {
    if (!core) return
    event.preventDefault()
    const closing = core
    core = null
    Promise.all([closing.close(), windowState?.settled()])
      .catch((error: unknown) => console.error('TokenDesk: core did not close cleanly', error))
      .finally(() => app.quit())
  })

  start().catch((error: unknown) => {
    console.error('TokenDesk failed to start', error)
    dialog.showErrorBox('TokenDesk could not start', error instanceof Error ? error.message : String(error))
    app.exit(1)
  })
}
