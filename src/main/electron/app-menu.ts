import { Menu } from 'electron'
import type { MenuItemConstructorOptions } from 'electron'

// A minimal menu built only from Electron's roles: the standard edit shortcuts (copy/paste in inputs),
// reload, and on macOS the app menu Cmd+Q lives in. Developer tools appear only in unpackaged builds.

export function buildMenuTemplate(options: {
  isMac: boolean
  isPackaged: boolean
}): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'reload' },
      ...(options.isPackaged ? [] : [{ role: 'toggleDevTools' } as const]),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  }
  return [
    ...(options.isMac ? [{ role: 'appMenu' } as const] : [{ role: 'fileMenu' } as const]),
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
  ]
}

export function installAppMenu(options: { isMac: boolean; isPackaged: boolean }): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)))
}
