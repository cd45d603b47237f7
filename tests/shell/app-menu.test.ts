import { describe, expect, it, vi } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import { APP_COMMANDS } from '@shared/domain/app-command'
import { buildMenuTemplate, MENU_ACCELERATORS, type MenuActions } from '../../src/main/electron/menu-template'
import { NATIVE_LOCALES, nativeText } from '../../src/main/electron/native-text/native-text'

// The application menu as data (no Electron binary needed): every item named in each language, the app's
// own accelerators, and each item wired to the action it names.

type Item = MenuItemConstructorOptions

const flatten = (items: Item[]): Item[] =>
  items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])])

function sink() {
  const actions: MenuActions = {
    command: vi.fn(),
    syncNow: vi.fn(),
    openFolder: vi.fn(),
    checkForUpdates: vi.fn(),
    about: vi.fn(),
  }
  return actions
}

function build(options: { isMac: boolean; isPackaged?: boolean; locale?: 'en-US' | 'zh-CN' }) {
  const actions = sink()
  const template = buildMenuTemplate({
    isMac: options.isMac,
    isPackaged: options.isPackaged ?? true,
    appName: 'TokenDesk',
    t: nativeText(options.locale ?? 'en-US'),
    actions,
  })
  return { template, items: flatten(template), actions }
}

const byLabel = (items: Item[], label: string): Item => {
  const found = items.find((item) => item.label === label)
  if (!found) throw new Error(`no menu item "${label}"`)
  return found
}
const click = (item: Item) => (item.click as () => void)()

describe('application menu', () => {
  it('names every item in both languages, on every platform (a role alone would stay English)', () => {
    for (const isMac of [true, false])
      for (const locale of NATIVE_LOCALES) {
        const { items } = build({ isMac, isPackaged: false, locale })
        for (const item of items.filter((entry) => entry.type !== 'separator'))
          expect(item.label?.trim(), `${locale} ${item.role ?? ''}`).toBeTruthy()
      }
    const english = build({ isMac: false }).items.map((item) => item.label)
    const chinese = build({ isMac: false, locale: 'zh-CN' }).items.map((item) => item.label)
    expect(chinese).toHaveLength(english.length)
    expect(chinese.filter((label, index) => label && label === english[index])).toEqual([])
  })

  it('has the edit, view, window and help roles and the app’s own menus', () => {
    const { template, items } = build({ isMac: false })
    expect(template.map((menu) => menu.label)).toEqual(['File', 'Edit', 'View', 'Go', 'Window', 'Help'])
    const roles = items.map((item) => item.role).filter(Boolean)
    for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'reload', 'zoomIn', 'minimize'])
      expect(roles).toContain(role)
    expect(template.map((menu) => menu.role)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      'window',
      'help',
    ])
    // macOS: the app menu (About, updates, Hide, Quit) comes first, named after the app.
    const mac = build({ isMac: true })
    expect(mac.template[0]!.label).toBe('TokenDesk')
    expect(flatten([mac.template[0]!]).map((item) => item.role)).toEqual(
      expect.arrayContaining(['services', 'hide', 'hideOthers', 'unhide', 'quit']),
    )
  })

  it('gives the app’s actions their accelerators, and no two items the same one', () => {
    const { items } = build({ isMac: false })
    const accelerators = items.map((item) => item.accelerator).filter(Boolean)
    expect(new Set(accelerators).size).toBe(accelerators.length)
    expect(byLabel(items, 'New Token').accelerator).toBe('CmdOrCtrl+N')
    expect(byLabel(items, 'Search Tokens').accelerator).toBe('CmdOrCtrl+F')
    expect(byLabel(items, 'Tokens').accelerator).toBe('CmdOrCtrl+1')
    expect(byLabel(items, 'Outbox').accelerator).toBe('CmdOrCtrl+2')
    expect(byLabel(items, 'Servers').accelerator).toBe('CmdOrCtrl+3')
    expect(Object.keys(MENU_ACCELERATORS).sort()).toEqual([...APP_COMMANDS].sort())
  })

  it('keeps clear of the keys the window uses itself (README "Keys")', () => {
    // The window's own Ctrl/⌘ keys: K palette, A select all, S save in the editor. F is the same search.
    const windowKeys = ['CmdOrCtrl+K', 'CmdOrCtrl+A', 'CmdOrCtrl+S']
    for (const accelerator of Object.values(MENU_ACCELERATORS)) expect(windowKeys).not.toContain(accelerator)
  })

  it('sends the window’s actions as commands and does the rest in main', () => {
    const { items, actions } = build({ isMac: false })
    click(byLabel(items, 'New Token'))
    click(byLabel(items, 'Search Tokens'))
    click(byLabel(items, 'Outbox'))
    expect(vi.mocked(actions.command).mock.calls).toEqual([['new-token'], ['search'], ['go-outbox']])
    click(byLabel(items, 'Open Data Folder'))
    click(byLabel(items, 'Open Logs Folder'))
    expect(vi.mocked(actions.openFolder).mock.calls).toEqual([['data'], ['logs']])
    click(byLabel(items, 'Sync Now'))
    click(byLabel(items, 'Check for Updates…'))
    click(byLabel(items, 'About TokenDesk'))
    expect(actions.syncNow).toHaveBeenCalledTimes(1)
    expect(actions.checkForUpdates).toHaveBeenCalledTimes(1)
    expect(actions.about).toHaveBeenCalledTimes(1)
  })

  it('offers About and updates once: in the app menu on macOS, under Help elsewhere', () => {
    for (const isMac of [true, false]) {
      const { template, items } = build({ isMac })
      expect(items.filter((item) => item.label === 'About TokenDesk')).toHaveLength(1)
      expect(items.filter((item) => item.label === 'Check for Updates…')).toHaveLength(1)
      const home = isMac ? template[0]! : template.at(-1)!
      expect(flatten([home]).map((item) => item.label)).toContain('About TokenDesk')
    }
  })

  it('offers developer tools only in unpackaged builds', () => {
    const roles = (isPackaged: boolean) => build({ isMac: false, isPackaged }).items.map((item) => item.role)
    expect(roles(true)).not.toContain('toggleDevTools')
    expect(roles(false)).toContain('toggleDevTools')
  })
})
