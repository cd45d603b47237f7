import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PROFILES_FILE } from './profile-store'

// The ids of the servers profiles.json holds on disk right now — what the keychain sweep must keep.
// Read from the file rather than from this process's memory, because another process (the desktop app
// and the browser host share a data folder) may have saved a server since this one read it. A file that
// cannot be read throws: better to sweep nothing than to sweep a live server's token.

export async function savedIdsOnDisk(dataDir: string, alsoInMemory: () => string[]): Promise<string[]> {
  let text: string
  try {
    text = await readFile(join(dataDir, PROFILES_FILE), 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return alsoInMemory()
    throw error
  }
  const parsed = JSON.parse(text.replace(/^\uFEFF/, '')) as { profiles?: unknown }
  if (!Array.isArray(parsed.profiles)) throw new Error(`${PROFILES_FILE} holds no list of servers`)
  const onDisk = parsed.profiles.flatMap((profile: unknown) => {
    const id = (profile as { id?: unknown } | null)?.id
    return typeof id === 'string' ? [id] : []
  })
  return [...new Set([...onDisk, ...alsoInMemory()])]
}
