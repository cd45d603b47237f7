import type { MenuItemConstructorOptions } from 'electron'
import type { Translate } from './native-text/native-text'

// The tray's (Windows, Linux) and dock's (macOS) texts and menus as data. Pure (types only from
// 'electron'); tray.ts puts them on screen.

export interface TrayActions {
  open(): void
  syncNow(): void
  quit(): void
}

/** The tooltip and the menu's first line: how many drafts wait, or that none do. */
export function trayStatus(t: Translate, appName: string, unsynced: number): string {
  return unsynced > 0
    ? t('tray.unsynced', { name: appName, count: unsynced })
    : t('tray.allSent', { name: appName })
}

export function trayMenuTemplate(options: {
  t: Translate
  appName: string
  unsynced: number
  actions: TrayActions
  /** macOS's dock adds its own Open (click) and Quit; the tray has neither. */
  dock: boolean
}): MenuItemConstructorOptions[] {
  const { t, actions } = options
  const status: MenuItemConstructorOptions = {
    label: trayStatus(t, options.appName, options.unsynced),
    enabled: false,
  }
  // Nothing to send: Sync Now would do nothing, so it says so by being unavailable.
  const sync: MenuItemConstructorOptions = {
    label: t('tray.syncNow'),
    enabled: options.unsynced > 0,
    click: () => actions.syncNow(),
  }
  if (options.dock) return [status, sync]
  return [
    status,
    { type: 'separator' },
    { label: t('tray.open', { name: options.appName }), click: () => actions.open() },
    sync,
    { type: 'separator' },
    { label: t('tray.quit'), click: () => actions.quit() },
  ]
}
