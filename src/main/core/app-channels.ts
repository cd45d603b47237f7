import type { CommandMailbox } from './command-mailbox'
import type { Connectivity } from './connectivity/connectivity'
import type { CoreOptions } from './core-types'
import type { Handlers } from './dispatcher'
import type { SyncEngine } from './drafts/sync-engine'
import { logFolderOf, type Logger } from './logger'
import type { ProfileStore } from './profiles/profile-store'
import type { RendererLog } from './renderer-log'
import type { ServerStates } from './server-states'
import type { SettingsStore } from './settings-store'
import type { NoticeBoard } from './storage/notice-board'
import type { UiLocale } from './ui-locale'

// The bridge calls about the app itself rather than one server's tokens: its language, facts and
// folders, storage notices, the desktop menu's commands, the renderer's log lines, the system's network
// signals, and the settings.

type AppChannel = Extract<keyof Handlers, `app.${string}` | `settings.${string}`>

export interface AppChannelDeps {
  options: Pick<CoreOptions, 'appVersion' | 'host' | 'dataDir' | 'desktop'>
  locale: UiLocale
  notices: NoticeBoard
  commands: CommandMailbox
  rendererLog: RendererLog
  logger: Logger
  connectivity: Connectivity
  settings: SettingsStore
  profiles: ProfileStore
  serverStates: ServerStates
  sync: SyncEngine
}

export function appChannels(deps: AppChannelDeps): Pick<Handlers, AppChannel> {
  const { options, locale, notices, commands, connectivity, settings } = deps
  return {
    'app.setLocale': async (input) => {
      locale.set(input.locale)
      return null
    },
    'app.info': async () => ({
      name: 'TokenDesk',
      version: options.appVersion,
      host: options.host,
      platform: process.platform,
      locale: locale.get(),
      dataDir: options.dataDir,
    }),
    'app.openFolder': async (input) => {
      const path = input.kind === 'logs' ? logFolderOf(options.dataDir) : options.dataDir
      if (!options.desktop) return { path, opened: false }
      await options.desktop.openFolder(path)
      return { path, opened: true }
    },
    'app.notices': async () => notices.list(),
    'app.takeCommand': async () => commands.take(),
    'app.dismissNotice': async (input) => {
      notices.dismiss(input.id)
      return null
    },
    'app.log': async (input) => {
      deps.rendererLog.write(input)
      return null
    },
    'app.signal': async (input) => {
      deps.logger.info({ signal: input.signal }, 'system network signal')
      if (input.signal !== 'offline') connectivity.probeNow()
      return null
    },
    'settings.get': async () => settings.value,
    'settings.set': async (input) => {
      const next = await settings.set(input)
      for (const profile of deps.profiles.snapshot().profiles) {
        deps.serverStates.announce(profile.id)
        if (next.autoSync) deps.sync.kick(profile.id)
      }
      return next
    },
  }
}
