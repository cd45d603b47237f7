import { z } from 'zod'

// What the data folder's store had to do to open a damaged file. Reported to the UI (not only the log):
// the user should know that a file was restored from its backup or that records were left out, and where
// the damaged original was kept.

export const STORAGE_NOTICE_KINDS = [
  /** The file could not be read; its last good copy (.bak) was used instead. */
  'restored-from-backup',
  /** Some records could not be read and were left out; the rest were kept. */
  'records-dropped',
  /** Neither the file nor its backup could be read: started empty. */
  'reset',
] as const

export const storageNoticeSchema = z.object({
  id: z.string(),
  /** The file's path inside the data folder, e.g. `profiles.json`. */
  file: z.string(),
  kind: z.enum(STORAGE_NOTICE_KINDS),
  /** Where the damaged original was kept (inside the data folder). */
  keptAs: z.string().nullable(),
  /** Records left out (records-dropped). */
  dropped: z.number().int().nonnegative(),
  /** Unix milliseconds. */
  at: z.number(),
})

export type StorageNotice = z.infer<typeof storageNoticeSchema>
