import { copyFile, link, open, rename, unlink } from 'node:fs/promises'
import { dirname } from 'node:path'
import writeFileAtomic from 'write-file-atomic'

// The disk side of json-file.ts. A crash at any instant leaves either the old or the new file, never a
// torn one: write-file-atomic writes a temp file, fsyncs it and renames it over the target; the rename
// itself is made durable by fsyncing the folder (write-file-atomic does not), so a power cut right after
// a save cannot bring the old version back.

/** Replaces `path` with `text` atomically and durably; the file is readable by its owner only. */
export async function writeDurably(path: string, text: string): Promise<void> {
  await writeFileAtomic(path, text, { encoding: 'utf8', fsync: true, mode: 0o600 })
  await syncFolder(dirname(path))
}

/**
 * Keeps the current file as `<file>.bak` before it is replaced. A hard link costs no copy and appears
 * atomically (link to a temp name, rename over the old backup); where the file system has no hard links,
 * a copy does the same.
 */
export async function keepLastGoodCopy(path: string): Promise<void> {
  const temp = `${path}.bak.tmp`
  await unlink(temp).catch(() => undefined)
  try {
    await link(path, temp)
  } catch (error) {
    // Gone (deleted by hand since): nothing to keep, and the write that follows must still happen.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    await copyFile(path, temp)
  }
  await rename(temp, `${path}.bak`)
}

/** Makes renames and deletions in `folder` durable. Windows cannot open a folder for that: skipped. */
export async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return
  const handle = await open(folder, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}
