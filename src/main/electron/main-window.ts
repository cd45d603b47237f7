import { BrowserWindow } from 'electron'
import type { WebPreferences } from 'electron'
import type { AppLocation } from './trusted-url'
import type { Placement, Size } from './window-placement'

// The one application window. Every security-relevant webPreference is spelled out even where it matches
// Electron's default, so a future default change or a careless edit shows up in review and in the test.

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
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
}

export const DEFAULT_WINDOW_SIZE: Size = { width: 1200, height: 800 }
export const MINIMUM_WINDOW_SIZE: Size = { width: 800, height: 560 }

export interface MainWindowOptions {
  app: AppLocation
  /** Absolute path of out/preload/index.cjs, resolved by the entry file relative to itself. */
  preloadPath: string
  /** Where and how big it opens (window-placement.ts); the default size, centred, when not given. */
  placement?: Placement
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const placement = options.placement ?? { bounds: DEFAULT_WINDOW_SIZE, maximized: false }
  const window = new BrowserWindow({
    ...placement.bounds,
    minWidth: MINIMUM_WINDOW_SIZE.width,
    minHeight: MINIMUM_WINDOW_SIZE.height,
    title: 'TokenDesk',
    show: false,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(options.preloadPath),
  })
  // Maximised before it is first shown, so it does not visibly jump there.
  if (placement.maximized) window.maximize()
  // Shown only once painted, so the user never sees an empty white frame.
  window.once('ready-to-show', () => window.show())

  // Load exactly the URL the IPC sender check trusts (for the built UI: app://tokendesk/index.html, served
  // by app-protocol.ts), so the window and the check can never disagree about what the app is.
  window
    .loadURL(options.app.url)
    .catch((error: unknown) => console.error('TokenDesk: the window could not load the UI', error))
  return window
}
