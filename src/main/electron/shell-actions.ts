import { dialog } from 'electron'
import type { AppFolder } from '@shared/domain/app-command'
import type { CoreApi } from '../core/core-types'
import type { MenuActions } from './menu-template'
import type { Translate } from './native-text/native-text'
import { syncNow } from './sync-now'

// What the menu, tray and dock items do, in one place so each action has one path: UI actions go to the
// window as a command, folders and syncing go through the same contract calls the window uses.

export interface ShellActionDeps {
  core: CoreApi
  text: () => Translate
  /** Brings the window up (creating it if it was closed). */
  showWindow: () => void
  checkForUpdates: () => Promise<void>
  about: () => Promise<void>
}

export function createShellActions(deps: ShellActionDeps): MenuActions {
  const report = (what: string) => (error: unknown) => console.error(`TokenDesk: ${what} failed`, error)
  return {
    command: (command) => {
      deps.showWindow()
      deps.core.command(command)
    },
    syncNow: () => {
      syncNow(deps.core)
        .then(({ failed }) => {
          // Each server's state (header, outbox, tray) already shows why; the log keeps the codes.
          if (failed.length > 0) console.warn('TokenDesk: Sync Now was refused for some servers', failed)
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
