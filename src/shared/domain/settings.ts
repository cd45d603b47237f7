import { z } from 'zod'

// App-wide settings (settings.json in the data folder), none of them a secret.

export const settingsSchema = z.object({
  /** Send queued drafts by itself when a server can be reached (again). Off: only when the user says. */
  autoSync: z.boolean().default(true),
})

export type Settings = z.infer<typeof settingsSchema>

export const DEFAULT_SETTINGS: Settings = { autoSync: true }

export const settingsPatchSchema = z.object({ autoSync: z.boolean().optional() }).strict()
