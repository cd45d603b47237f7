import { join } from 'node:path'
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '@shared/domain/settings'
import type { EventBus } from './event-bus'
import { JsonFile, type JsonFileDeps } from './storage/json-file'

// settings.json: the app's own settings, through the same store as every data file.

export const SETTINGS_FILE = 'settings.json'

export class SettingsStore {
  private constructor(
    private readonly file: JsonFile<Settings>,
    private readonly events: EventBus,
  ) {}

  static async open(deps: JsonFileDeps, events: EventBus): Promise<SettingsStore> {
    const file = await JsonFile.open(
      join(deps.root, SETTINGS_FILE),
      { schema: settingsSchema, empty: () => ({ ...DEFAULT_SETTINGS }) },
      deps,
    )
    return new SettingsStore(file, events)
  }

  get value(): Settings {
    return this.file.value
  }

  async set(patch: Partial<Settings>): Promise<Settings> {
    const next = await this.file.update((current) => ({ ...current, ...patch }))
    this.events.emit('settings.changed', next)
    return next
  }
}
