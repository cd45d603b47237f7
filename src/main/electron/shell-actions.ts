import { dialog } from 'electron'
import type { AppCommand, AppFolder } from '@shared/domain/app-command'
import type { CoreApi } from '../core/core-types'
import type { MenuActions } from './menu-template'
import type { NativeLocale, Translate } from './native-text/native-text'
import { syncNow, syncNowNotice } from './sync-now'

// What the menu, tray and dock items do, in one place so each action has one path: UI actions go to the
// window as a command, folders and syncing go through the same contract calls the window uses.

export interface ShellActionDeps {
  core: CoreApi
  text: () => Translate
  /** The language `text` speaks. */
  locale: () => NativeLocale
  /** Brings the window up (creating it if it was closed). */
  showWindow: () => void
  checkForUpdates: () => Promise<void>
  about: () => Promise<void>
  /** A desktop notification; `onClick` when the user clicks it. */
  notify: (notice: { title: string; body: string }, onClick: () => void) => void
}

export function createShellActions(deps: ShellActionDeps): MenuActions {
  const report = (what: string) => (error: unknown) => console.error(`TokenDesk: ${what} failed`, error)
  const command = (name: AppCommand) => {
    deps.showWindow()
    deps.core.command(name)
  }
  return {
    command,
    syncNow: () => {
      syncNow(deps.core)
        .then((result) => {
          const notice = syncNowNotice(result, deps.text(), deps.locale())
          if (!notice) return
          // Chosen from the tray, perhaps with no window: said where the user looks, and a click on it
          // opens the Outbox, which says why. The log keeps the codes.
          console.warn('TokenDesk: Sync Now was refused for some servers', result.failed)
          deps.notify(notice, () => command('go-outbox'))
        })
        .catch(report('Sync Now'))
    },
    openFolder: (kind: AppFolder) => {
      deps.core
        .dispatch('app.openFolder', { kind })
        .then((result) => {
          if (!result.ok) dialog.showErrorBox(deps.text()('errors.folder'), result.error.message)
        })
        .catch(report('opening a folder'))
    },
    checkForUpdates: () => void deps.checkForUpdates().catch(report('the update check')),
    about: () => void deps.about().catch(report('About')),
  }
}
