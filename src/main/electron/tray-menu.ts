import type { MenuItemConstructorOptions } from 'electron'
import type { Translate } from './native-text/native-text'

// The tray's (Windows, Linux) and dock's (macOS) texts and menus as data. Pure (types only from
// 'electron'); tray.ts puts them on screen.

export interface TrayActions {
  open(): void
  /** Opens the window on its Watch. */
  openWatch(): void
  syncNow(): void
  quit(): void
}

/** The menu's first line: how many drafts wait, or that none do. */
export function trayStatus(t: Translate, appName: string, unsynced: number): string {
  return unsynced > 0
    ? t('tray.unsynced', { name: appName, count: unsynced })
    : t('tray.allSent', { name: appName })
}

/** The tooltip: the drafts, and the tokens in the Watch when there are any. */
export function trayTooltip(t: Translate, appName: string, unsynced: number, watched: number): string {
  const status = trayStatus(t, appName, unsynced)
  return watched > 0 ? `${status}\n${t('tray.watched', { count: watched })}` : status
}

export function trayMenuTemplate(options: {
  t: Translate
  appName: string
  unsynced: number
  /** Tokens in the Watch over every server. */
  watched: number
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
  // The Watch's count, when it holds anything, as the way to it.
  const watch: MenuItemConstructorOptions[] =
    options.watched > 0
      ? [{ label: t('tray.watched', { count: options.watched }), click: () => actions.openWatch() }]
      : []
  if (options.dock) return [status, ...watch, sync]
  return [
    status,
    ...watch,
    { type: 'separator' },
    { label: t('tray.open', { name: options.appName }), click: () => actions.open() },
    sync,
    { type: 'separator' },
    { label: t('tray.quit'), click: () => actions.quit() },
  ]
}
