import type { MenuItemConstructorOptions } from 'electron'
import type { AppCommand, AppFolder } from '@shared/domain/app-command'
import type { Translate } from './native-text/native-text'

// The application menu as data: Electron's roles for editing, view, window and help, plus TokenDesk's own
// actions, every label from main's catalogue (a role's own label would stay English). What an item does
// goes to an action sink: the UI's actions travel to the window as one command (app.command), the rest
// main does itself. Pure (types only from 'electron'), so tests build it without the binary.

/** What the menu's own items do (shell-actions.ts). */
export interface MenuActions {
  /** Sent to the window, which runs the same command its palette offers. */
  command(command: AppCommand): void
  syncNow(): void
  openFolder(kind: AppFolder): void
  checkForUpdates(): void
  about(): void
}

export interface MenuOptions {
  isMac: boolean
  isPackaged: boolean
  appName: string
  t: Translate
  actions: MenuActions
}

/**
 * The app's own accelerators. None clashes with the window's keys (README "Keys"): ⌘/Ctrl+F is the
 * window's search too and does the same; N, R and / stay plain letters there.
 */
export const MENU_ACCELERATORS = {
  'new-token': 'CmdOrCtrl+N',
  search: 'CmdOrCtrl+F',
  'go-tokens': 'CmdOrCtrl+1',
  'go-outbox': 'CmdOrCtrl+2',
  'go-servers': 'CmdOrCtrl+3',
  // After the three sections the first version had, so their keys did not move.
  'go-watch': 'CmdOrCtrl+4',
} as const satisfies Record<AppCommand, string>

const separator: MenuItemConstructorOptions = { type: 'separator' }

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { isMac, t, actions } = options
  const name = { name: options.appName }
  const command = (id: AppCommand, label: string): MenuItemConstructorOptions => ({
    label,
    accelerator: MENU_ACCELERATORS[id],
    click: () => actions.command(id),
  })
  const about: MenuItemConstructorOptions = { label: t('menu.about', name), click: () => actions.about() }
  const checkUpdates: MenuItemConstructorOptions = {
    label: t('menu.checkUpdates'),
    click: () => actions.checkForUpdates(),
  }
  const openLogs: MenuItemConstructorOptions = {
    label: t('menu.openLogsFolder'),
    click: () => actions.openFolder('logs'),
  }

  const appMenu: MenuItemConstructorOptions = {
    label: options.appName,
    submenu: [
      about,
      checkUpdates,
      separator,
      { role: 'services', label: t('menu.services') },
      separator,
      { role: 'hide', label: t('menu.hide', name) },
      { role: 'hideOthers', label: t('menu.hideOthers') },
      { role: 'unhide', label: t('menu.showAll') },
      separator,
      { role: 'quit', label: t('menu.quit', name) },
    ],
  }
  const file: MenuItemConstructorOptions = {
    label: t('menu.file'),
    submenu: [
      command('new-token', t('menu.newToken')),
      { label: t('menu.syncNow'), click: () => actions.syncNow() },
      separator,
      { label: t('menu.openDataFolder'), click: () => actions.openFolder('data') },
      openLogs,
      separator,
      isMac ? { role: 'close', label: t('menu.close') } : { role: 'quit', label: t('menu.quit', name) },
    ],
  }
  const edit: MenuItemConstructorOptions = {
    label: t('menu.edit'),
    submenu: [
      { role: 'undo', label: t('menu.undo') },
      { role: 'redo', label: t('menu.redo') },
      separator,
      { role: 'cut', label: t('menu.cut') },
      { role: 'copy', label: t('menu.copy') },
      { role: 'paste', label: t('menu.paste') },
      ...(isMac ? [{ role: 'pasteAndMatchStyle', label: t('menu.pasteAndMatchStyle') } as const] : []),
      { role: 'delete', label: t('menu.delete') },
      { role: 'selectAll', label: t('menu.selectAll') },
      separator,
      command('search', t('menu.search')),
    ],
  }
  const view: MenuItemConstructorOptions = {
    label: t('menu.view'),
    submenu: [
      { role: 'reload', label: t('menu.reload') },
      // Developer tools only in unpackaged builds.
      ...(options.isPackaged ? [] : [{ role: 'toggleDevTools', label: t('menu.toggleDevTools') } as const]),
      separator,
      { role: 'resetZoom', label: t('menu.resetZoom') },
      { role: 'zoomIn', label: t('menu.zoomIn') },
      { role: 'zoomOut', label: t('menu.zoomOut') },
      separator,
      { role: 'togglefullscreen', label: t('menu.toggleFullScreen') },
    ],
  }
  const go: MenuItemConstructorOptions = {
    label: t('menu.go'),
    submenu: [
      command('go-tokens', t('menu.tokens')),
      command('go-outbox', t('menu.outbox')),
      command('go-servers', t('menu.servers')),
      command('go-watch', t('menu.watch')),
    ],
  }
  const window: MenuItemConstructorOptions = {
    role: 'window',
    label: t('menu.window'),
    submenu: isMac
      ? [
          { role: 'minimize', label: t('menu.minimize') },
          { role: 'zoom', label: t('menu.zoom') },
          separator,
          { role: 'front', label: t('menu.front') },
        ]
      : [
          { role: 'minimize', label: t('menu.minimize') },
          { role: 'close', label: t('menu.close') },
        ],
  }
  // macOS keeps About and updates in the app menu; elsewhere they live under Help, as users look there.
  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: t('menu.help'),
    submenu: isMac ? [openLogs] : [openLogs, separator, checkUpdates, about],
  }
  return [...(isMac ? [appMenu] : []), file, edit, view, go, window, help]
}
