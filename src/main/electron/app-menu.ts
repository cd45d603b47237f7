import { Menu } from 'electron'
import { buildMenuTemplate, type MenuOptions } from './menu-template'

// Installs the application menu (its template is pure data: menu-template.ts). Called again whenever the
// window's language changes, so the menu always speaks it.

export function installAppMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)))
}
