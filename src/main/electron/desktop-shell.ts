import { app, Notification, type BrowserWindow } from 'electron'
import type { CoreApi } from '../core/core-types'
import { logFolderOf } from '../core/logger'
import { showAbout } from './about'
import { installAppMenu } from './app-menu'
import { nativeLocale, nativeText } from './native-text/native-text'
import { createShellActions } from './shell-actions'
import { installTray, type TrayHandle } from './tray'
import { createUpdater } from './updater'
import type { UpdateFeed } from './update-rules'

// The app around the window: the application menu, the tray or dock, About and updates — all in the
// window's language, followed live (the window tells the core; until then the OS language decides).

export function installDesktopShell(options: {
  core: CoreApi
  isMac: boolean
  feed: UpdateFeed
  /** The window, when one is open (dialogs attach to it). */
  window: () => BrowserWindow | null
  /** Brings the window up, opening one if none is. */
  showWindow: () => void
}): TrayHandle {
  const { core, isMac, feed, window } = options
  const dataDir = app.getPath('userData')
  const text = () => nativeText(nativeLocale(core.locale()))
  if (feed.state === 'invalid') console.warn(`TokenDesk: the update feed is ignored (${feed.reason})`)
  const updater = createUpdater({
    feed,
    text,
    parent: window,
    unsynced: async () => {
      const states = await core.dispatch('servers.states', undefined)
      // Not knowing counts as unsent: the rule must never restart on a guess.
      return states.ok ? (states.value as { unsynced: number }[]) : [{ unsynced: 1 }]
    },
  })
  const actions = createShellActions({
    core,
    text,
    locale: () => nativeLocale(core.locale()),
    showWindow: options.showWindow,
    checkForUpdates: () => updater.checkOnDemand(),
    about: () => showAbout({ parent: window(), t: text(), dataDir, logsDir: logFolderOf(dataDir) }),
    notify: (notice, onClick) => {
      if (!Notification.isSupported()) return
      const shown = new Notification({ title: notice.title, body: notice.body })
      shown.on('click', onClick)
      shown.show()
    },
  })
  const installMenu = () =>
    installAppMenu({ isMac, isPackaged: app.isPackaged, appName: app.getName(), t: text(), actions })
  installMenu()
  const tray = installTray({
    core,
    isMac,
    text,
    actions: {
      open: options.showWindow,
      openWatch: () => actions.command('go-watch'),
      syncNow: actions.syncNow,
      quit: () => app.quit(),
    },
  })
  core.onLocaleChange(() => {
    installMenu()
    tray.refresh()
  })
  updater.checkQuietly()
  return tray
}
