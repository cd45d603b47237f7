import { z } from 'zod'

// App-wide settings (settings.json in the data folder), none of them a secret.

export const settingsSchema = z.object({
  /** Send queued drafts by itself when a server can be reached (again). Off: only when the user says. */
  autoSync: z.boolean().default(true),
  /** Tell the OS (a notification) when a sync fails or needs a decision, or a token enters the Watch. */
  notifications: z.boolean().default(true),
})

export type Settings = z.infer<typeof settingsSchema>

export const DEFAULT_SETTINGS: Settings = { autoSync: true, notifications: true }

export const settingsPatchSchema = z
  .object({ autoSync: z.boolean().optional(), notifications: z.boolean().optional() })
  .strict()
