import { app, dialog, type BrowserWindow, type MessageBoxOptions } from 'electron'
import type { AppUpdater, UpdateInfo } from 'electron-updater'
import { restartDecision, updatesActive, type UpdateFeed } from './update-rules'
import type { Translate } from './native-text/native-text'

// "Check for Updates…" and the quiet check at start, on electron-updater's generic provider. Off (and
// electron-updater never even loaded) until the build names a feed. A downloaded update restarts the app
// only when the user agrees and no server has unsent drafts (update-rules.ts); otherwise it waits for the
// next quit. The decisions are in update-rules.ts; this file is glue.

export interface UpdaterDeps {
  feed: UpdateFeed
  text: () => Translate
  parent: () => BrowserWindow | null
  /** Each server's unsynced drafts, asked at the moment of deciding (never a stale count). */
  unsynced: () => Promise<readonly { unsynced: number }[]>
}

export interface Updater {
  /** The menu's Check for Updates…: always answers the user. */
  checkOnDemand(): Promise<void>
  /** At start: says something only when an update has been downloaded. */
  checkQuietly(): void
}

export function createUpdater(deps: UpdaterDeps): Updater {
  const name = app.getName()
  let loaded: Promise<AppUpdater> | null = null

  async function tell(options: MessageBoxOptions): Promise<number> {
    const parent = deps.parent()
    const box = { noLink: true, ...options }
    return (parent ? await dialog.showMessageBox(parent, box) : await dialog.showMessageBox(box)).response
  }

  async function downloaded(info: UpdateInfo): Promise<void> {
    const t = deps.text()
    const version = info.version
    const held = async (unsynced: number) => {
      await tell({
        type: 'info',
        title: t('updates.title'),
        message: t('updates.held', { version }),
        detail: t('updates.heldDetail', { name, count: unsynced }),
        buttons: [t('updates.ok')],
      })
    }
    const first = restartDecision(await deps.unsynced())
    if (!first.restart) return held(first.unsynced)
    const choice = await tell({
      type: 'question',
      title: t('updates.title'),
      message: t('updates.ready', { version }),
      detail: t('updates.readyDetail', { name }),
      buttons: [t('updates.restart'), t('updates.later')],
      defaultId: 0,
      cancelId: 1,
    })
    if (choice !== 0) return
    // Asked again: a draft may have been saved while the question was open.
    const now = restartDecision(await deps.unsynced())
    if (!now.restart) return held(now.unsynced)
    ;(await updater()).quitAndInstall()
  }

  function updater(): Promise<AppUpdater> {
    if (!updatesActive(deps.feed, app.isPackaged)) throw new Error('updates are off')
    const url = deps.feed.url
    loaded ??= import('electron-updater').then((module) => {
      // A CommonJS package whose `autoUpdater` is a lazy getter Node cannot see as a named export from
      // ESM: it is reached through the default export (electron-builder's documented way).
      const { autoUpdater } = module.default
      autoUpdater.setFeedURL({ provider: 'generic', url })
      autoUpdater.autoDownload = true
      // The rule's fallback: an update the user did not restart for goes in when the app quits.
      autoUpdater.autoInstallOnAppQuit = true
      autoUpdater.on('update-downloaded', (info) => {
        downloaded(info).catch((error: unknown) => console.error('TokenDesk: update prompt failed', error))
      })
      autoUpdater.on('error', (error) => console.warn('TokenDesk: update check failed', error.message))
      return autoUpdater
    })
    return loaded
  }

  return {
    async checkOnDemand() {
      const t = deps.text()
      if (!updatesActive(deps.feed, app.isPackaged)) {
        await tell({
          type: 'info',
          title: t('updates.title'),
          message: t('updates.off', { name }),
          detail: t('updates.offDetail'),
          buttons: [t('updates.ok')],
        })
        return
      }
      try {
        const result = await (await updater()).checkForUpdates()
        const found = result?.isUpdateAvailable === true
        const version = found ? result.updateInfo.version : app.getVersion()
        await tell({
          type: 'info',
          title: t('updates.title'),
          message: found ? t('updates.found', { version }) : t('updates.latest', { name }),
          detail: found ? t('updates.foundDetail', { name }) : t('updates.latestDetail', { version }),
          buttons: [t('updates.ok')],
        })
      } catch (error) {
        await tell({
          type: 'warning',
          title: t('updates.title'),
          message: t('updates.failed'),
          detail: error instanceof Error ? error.message : String(error),
          buttons: [t('updates.ok')],
        })
      }
    },
    checkQuietly() {
      if (!updatesActive(deps.feed, app.isPackaged)) return
      updater()
        .then((autoUpdater) => autoUpdater.checkForUpdates())
        .catch((error: unknown) => console.warn('TokenDesk: update check at start failed', String(error)))
    },
  }
}
