import { join } from 'node:path'
import { profileSchema, profilesStateSchema, type Profile, type ProfilesState } from '@shared/domain/profile'
import { AppError } from '@shared/result'
import { JsonFile, type JsonDocument, type JsonFileDeps } from '../storage/json-file'

// profiles.json: the saved servers and which one is active. Never a secret (the schema has no field
// for one, and parsing strips anything unknown). One unreadable server does not hide the others: the
// file is salvaged profile by profile (json-file.ts reports what was left out).

export const PROFILES_FILE = 'profiles.json'

const EMPTY: ProfilesState = { profiles: [], activeId: null }

export const profilesDocument: JsonDocument<ProfilesState> = {
  schema: profilesStateSchema,
  empty: () => structuredClone(EMPTY),
  salvage: (raw) => {
    const list = (raw as { profiles?: unknown } | null)?.profiles
    if (!Array.isArray(list)) return null
    const profiles: Profile[] = []
    for (const item of list) {
      const parsed = profileSchema.safeParse(item)
      if (parsed.success && !profiles.some((kept) => kept.id === parsed.data.id)) profiles.push(parsed.data)
    }
    const wanted = (raw as { activeId?: unknown }).activeId
    const activeId = profiles.some((p) => p.id === wanted) ? (wanted as string) : (profiles[0]?.id ?? null)
    return { value: { profiles, activeId }, dropped: list.length - profiles.length }
  },
}

export class ProfileStore {
  private constructor(private readonly file: JsonFile<ProfilesState>) {}

  static async open(deps: JsonFileDeps): Promise<ProfileStore> {
    return new ProfileStore(await JsonFile.open(join(deps.root, PROFILES_FILE), profilesDocument, deps))
  }

  snapshot(): ProfilesState {
    return structuredClone(this.file.value)
  }

  find(id: string): Profile | undefined {
    return this.file.value.profiles.find((profile) => profile.id === id)
  }

  /** The saved server, or `not-found` for a call that names one removed meanwhile. */
  require(id: string): Profile {
    const profile = this.find(id)
    if (!profile) throw new AppError('not-found', 'No such server profile. It may have been removed.')
    return profile
  }

  active(): Profile | undefined {
    const { activeId } = this.file.value
    return activeId ? this.find(activeId) : undefined
  }

  /**
   * Applies a change and saves it. Updates run one at a time, each on the state the previous one left,
   * so two overlapping saves (say, learned server features landing while a profile is added) can never
   * drop one another.
   */
  async update(change: (draft: ProfilesState) => void): Promise<ProfilesState> {
    const saved = await this.file.update((current) => {
      const draft = structuredClone(current)
      change(draft)
      return draft
    })
    return structuredClone(saved)
  }
}
