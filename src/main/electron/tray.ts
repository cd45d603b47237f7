import { app, Menu, nativeImage, Tray } from 'electron'
import type { ChannelOutput, EventPayload } from '@shared/contract/contract'
import type { CoreHostApi } from '../core/core-types'
import trayIcon from '../../../resources/tray-icon.png?asset'
import trayIcon2x from '../../../resources/tray-icon@2x.png?asset'
import { trayMenuTemplate, trayTooltip, type TrayActions } from './tray-menu'
import type { Translate } from './native-text/native-text'
import { ServerTally } from './server-tally'

// The tray icon (Windows, Linux) or the dock (macOS): how many drafts wait for their servers — tooltip,
// menu and badge — and how many tokens the Watch holds (tooltip and menu, a way to the Watch), with Sync
// Now, Open and Quit. Follows the core's events, so the counts are live even with no window open.

export interface TrayHandle {
  /** Draws again in the current language. */
  refresh(): void
  /** Windows: says once per run that closing the window left TokenDesk in the tray. */
  noteKeptRunning(): void
  destroy(): void
}

function icon(): Electron.NativeImage {
  const image = nativeImage.createFromPath(trayIcon)
  image.addRepresentation({ scaleFactor: 2, buffer: nativeImage.createFromPath(trayIcon2x).toPNG() })
  return image
}

export function installTray(options: {
  core: CoreHostApi
  isMac: boolean
  text: () => Translate
  actions: TrayActions
}): TrayHandle {
  const { core, isMac, actions } = options
  const name = app.getName()
  const unsyncedTally = new ServerTally()
  const watchTally = new ServerTally()
  // macOS shows the count on the dock icon and a menu there; a menu-bar icon as well would be one too many.
  const tray = isMac ? null : new Tray(icon())
  let balloonShown = false

  function draw(): void {
    const t = options.text()
    const unsynced = unsyncedTally.total
    const watched = watchTally.total
    const menu = Menu.buildFromTemplate(
      trayMenuTemplate({ t, appName: name, unsynced, watched, actions, dock: isMac }),
    )
    // The dock badge (and Unity launchers on Linux): the drafts, the one count that asks for an action
    // TokenDesk can take by itself; Windows has none, its tray tooltip says it.
    app.setBadgeCount(unsynced)
    if (isMac) {
      app.dock?.setMenu(menu)
      return
    }
    tray?.setToolTip(trayTooltip(t, name, unsynced, watched))
    tray?.setContextMenu(menu)
  }

  // Windows: a click on the icon opens the window (Linux trays show the menu instead).
  tray?.on('click', () => actions.open())
  const unsubscribe = core.onEvent((event, payload) => {
    if (event === 'servers.changed') {
      const state = payload as ChannelOutput<'servers.states'>[number]
      if (unsyncedTally.apply({ profileId: state.profileId, count: state.unsynced })) draw()
    } else if (event === 'watch.changed') {
      const state = payload as EventPayload<'watch.changed'>
      if (watchTally.apply({ profileId: state.profileId, count: state.entries.length })) draw()
    } else if (event === 'profiles.changed') {
      const ids = (payload as ChannelOutput<'profiles.list'>).profiles.map((profile) => profile.id)
      // Both sides run: a removed server leaves both counts.
      if ([unsyncedTally.keepOnly(ids), watchTally.keepOnly(ids)].includes(true)) draw()
    }
  })
  draw()
  void core.dispatch('servers.states', undefined).then((states) => {
    if (!states.ok) return
    const counts = states.value as ChannelOutput<'servers.states'>
    unsyncedTally.seed(counts.map((state) => ({ profileId: state.profileId, count: state.unsynced })))
    draw()
  })
  void core.dispatch('watch.counts', undefined).then((counts) => {
    if (!counts.ok) return
    watchTally.seed((counts.value as ChannelOutput<'watch.counts'>).servers)
    draw()
  })

  return {
    refresh: draw,
    noteKeptRunning() {
      if (!tray || balloonShown || process.platform !== 'win32') return
      balloonShown = true
      const t = options.text()
      tray.displayBalloon({
        title: t('tray.keptRunningTitle', { name }),
        content: t('tray.keptRunning'),
        iconType: 'info',
      })
    },
    destroy() {
      unsubscribe()
      tray?.destroy()
    },
  }
}
