import { readFile, rename } from 'node:fs/promises'
import writeFileAtomic from 'write-file-atomic'
import type { z } from 'zod'

// Every data file goes through here: writes are atomic (temp file, fsync, rename) and a file that fails
// to parse is moved aside with a timestamp and reported — never silently replaced by defaults.

export interface ReadOutcome<T> {
  value: T
  /** Set when an unreadable file was moved aside; the caller reports it. */
  quarantinedTo?: string
}

export async function readJsonFile<S extends z.ZodType>(
  path: string,
  schema: S,
  fallback: z.output<S>,
  now: () => number,
): Promise<ReadOutcome<z.output<S>>> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { value: fallback }
    throw error
  }
  try {
    return { value: schema.parse(JSON.parse(text)) }
  } catch {
    const quarantinedTo = `${path}.corrupt-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`
    await rename(path, quarantinedTo)
    return { value: fallback, quarantinedTo }
  }
}

export async function writeJsonFile(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, JSON.stringify(value, null, 2) + '\n', {
    encoding: 'utf8',
    fsync: true,
    mode: 0o600,
  })
}
