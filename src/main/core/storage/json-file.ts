import { chmod, mkdir, readdir, readFile, rename, rm, unlink } from 'node:fs/promises'
import { basename, dirname, join, relative } from 'node:path'
import type { z } from 'zod'
import type { StorageNotice } from '@shared/domain/storage-notice'
import { parseExactJson, stringifyExactJson } from '../gateway/exact-json'
import { keepLastGoodCopy, syncFolder, writeDurably } from './durable-write'

// One JSON document in the data folder — profiles, a server's token cache, a server's outbox — and the one
// way every such file is read and written:
// - Writes are queued and run one at a time; changes that arrive during a write are applied in order and
//   saved together by the next one. Each caller learns when its own change is on disk (or that it failed:
//   then nothing of that batch is kept in memory either, so memory never runs ahead of the disk).
// - Group commit: a change may say it can wait a moment (`within`) for others to join it. Rewriting and
//   fsyncing a whole document costs the same for one change as for a hundred, so a stream of small
//   changes (a bulk job's drafts being recorded one by one) goes out as one write per short tick instead
//   of one each. Nothing is acknowledged earlier for it: each caller still resolves once its change is
//   on disk. A change that cannot wait (the default) starts the write at once, taking the waiting ones.
// - A write is atomic and durable (durable-write.ts): temp file, fsync, rename, fsync of the folder; the
//   version it replaces stays as `<file>.bak`, the last good copy. Files are 0600 in 0700 folders.
// - Opening sweeps temp files a crash left behind, accepts a UTF-8 BOM (an editor may add one), and never
//   silently empties a damaged file: it keeps what it can record by record (where the format has
//   records), else falls back to the .bak, else starts empty — and in every case keeps the damaged
//   original beside it and reports what happened (a StorageNotice for the UI, not only a log line).

export interface JsonDocument<T> {
  /** Parses the whole document (the output is what the app works with). */
  schema: z.ZodType<T>
  empty: () => T
  /**
   * For formats made of independent records: rebuilds the document from what parsed as JSON but failed
   * the schema, keeping every record that is still valid. null when nothing can be kept that way.
   */
  salvage?: (raw: unknown) => { value: T; dropped: number } | null
}

export interface JsonFileDeps {
  /** The data folder; notices name files relative to it. */
  root: string
  now: () => number
  report: (notice: Omit<StorageNotice, 'id'>) => void
}

type Read<T> = { kind: 'missing' } | { kind: 'damaged' } | { kind: 'read'; value: T; dropped: number }

interface Waiter<T> {
  change: (current: T) => T
  resolve: (value: T) => void
  reject: (error: unknown) => void
  /** The latest moment (unix ms) its write may start. */
  dueAt: number
}

export interface UpdateOptions {
  /** Milliseconds the change may wait for others to share its write (group commit); 0: write at once. */
  within?: number
}

const BOM = '\uFEFF'
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export class JsonFile<T> {
  private current: T
  private pending: Waiter<T>[] = []
  private writing: Promise<void> | null = null
  /** Set while the queued changes wait for their group's write. */
  private timer: ReturnType<typeof setTimeout> | null = null
  /** Whether the file on disk is a good copy (so it may become the .bak before the next write). */
  private onDisk: boolean
  private removed = false

  private constructor(
    readonly path: string,
    private readonly doc: JsonDocument<T>,
    initial: T,
    onDisk: boolean,
  ) {
    this.current = initial
    this.onDisk = onDisk
  }

  static async open<T>(path: string, doc: JsonDocument<T>, deps: JsonFileDeps): Promise<JsonFile<T>> {
    const folder = dirname(path)
    await mkdir(folder, { recursive: true, mode: 0o700 })
    await chmod(folder, 0o700).catch(() => undefined)
    await sweepTempFiles(folder, basename(path))

    const main = await readDocument(path, doc)
    if (main.kind === 'missing') {
      // No file but its last good copy: a recovery that did not get to write the file again (or a file
      // deleted by hand). The copy is the better start; say so.
      const backup = await readDocument(`${path}.bak`, doc)
      if (backup.kind !== 'read') return new JsonFile(path, doc, doc.empty(), false)
      deps.report({
        file: relative(deps.root, path),
        kind: 'restored-from-backup',
        keptAs: null,
        dropped: backup.dropped,
        at: deps.now(),
      })
      const file = new JsonFile(path, doc, backup.value, false)
      await file.update((value) => value)
      return file
    }
    if (main.kind === 'read' && main.dropped === 0) {
      await chmod(path, 0o600).catch(() => undefined)
      return new JsonFile(path, doc, main.value, true)
    }

    // Damaged: keep the original for the user, then take what can be had.
    const keptAs = `${path}.corrupt-${new Date(deps.now()).toISOString().replace(/[:.]/g, '-')}`
    await rename(path, keptAs)
    const notice = (kind: StorageNotice['kind'], dropped: number) =>
      deps.report({
        file: relative(deps.root, path),
        kind,
        keptAs: relative(deps.root, keptAs),
        dropped,
        at: deps.now(),
      })
    let recovered: T | null = null
    if (main.kind === 'read') {
      recovered = main.value
      notice('records-dropped', main.dropped)
    } else {
      const backup = await readDocument(`${path}.bak`, doc)
      if (backup.kind === 'read') {
        recovered = backup.value
        notice('restored-from-backup', backup.dropped)
      } else notice('reset', 0)
    }
    const file = new JsonFile(path, doc, recovered ?? doc.empty(), false)
    // What was recovered goes back under the file's own name at once, so the next start reads it cleanly.
    if (recovered !== null) await file.update((value) => value)
    return file
  }

  /** The document as last saved. Treat it as read-only: change it through update(). */
  get value(): T {
    return this.current
  }

  /**
   * Applies `change` (which returns the new document, leaving its argument untouched) after every change
   * asked for before it, and resolves with the result once it is on disk. A change that throws, or
   * returns something the schema refuses, fails alone; a failed write fails every change it carried.
   */
  update(change: (current: T) => T, options: UpdateOptions = {}): Promise<T> {
    if (this.removed) return Promise.reject(new Error(`${basename(this.path)} was removed`))
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ change, resolve, reject, dueAt: Date.now() + Math.max(0, options.within ?? 0) })
      this.kick()
    })
  }

  /** Waits for every queued change, then deletes the file and its backup. */
  async remove(): Promise<void> {
    this.removed = true
    await this.settled()
    await rm(this.path, { force: true })
    await rm(`${this.path}.bak`, { force: true })
  }

  /** Writes what is queued now (waiting changes too) and resolves when no write is queued or running. */
  async settled(): Promise<void> {
    this.kick(true)
    while (this.writing) {
      await this.writing
      this.kick(true)
    }
  }

  /** Starts the next write when one is due (or `now`), else waits for the earliest due change. */
  private kick(now = false): void {
    if (this.writing || this.pending.length === 0) return
    const wait = now ? 0 : Math.min(...this.pending.map((waiter) => waiter.dueAt)) - Date.now()
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (wait > 0) {
      this.timer = setTimeout(() => {
        this.timer = null
        this.kick(true)
      }, wait)
      return
    }
    this.writing = this.drain().finally(() => {
      this.writing = null
      this.kick()
    })
  }

  private async drain(): Promise<void> {
    const batch = this.pending.splice(0)
    const applied = this.applyBatch(batch)
    if (applied.length === 0) return
    const next = applied[applied.length - 1]!.value
    try {
      if (this.onDisk) await keepLastGoodCopy(this.path)
      await writeDurably(this.path, stringifyExactJson(next, 2) + '\n')
      this.onDisk = true
      this.current = next
    } catch (error) {
      for (const { waiter } of applied) waiter.reject(error)
      return
    }
    for (const { waiter, value } of applied) waiter.resolve(value)
  }

  /**
   * Applies a write's changes in order, each on the document the one before left. The document they make
   * together is checked against the schema once (checking a large document after every change of a
   * group would cost more than its write); only when it fails is each change applied and checked again
   * on its own, so the ones that break it fail alone — changes are pure, running one twice is harmless.
   */
  private applyBatch(batch: Waiter<T>[]): { waiter: Waiter<T>; value: T }[] {
    const applied: { waiter: Waiter<T>; value: T }[] = []
    let next = this.current
    for (const waiter of batch) {
      try {
        next = waiter.change(next)
        applied.push({ waiter, value: next })
      } catch (error) {
        waiter.reject(error)
      }
    }
    const last = applied.at(-1)
    if (!last) return applied
    const checked = this.doc.schema.safeParse(next)
    if (checked.success) {
      last.value = checked.data
      return applied
    }
    const kept: { waiter: Waiter<T>; value: T }[] = []
    next = this.current
    for (const { waiter } of applied) {
      try {
        next = this.doc.schema.parse(waiter.change(next))
        kept.push({ waiter, value: next })
      } catch (error) {
        waiter.reject(error)
      }
    }
    return kept
  }
}

async function readDocument<T>(path: string, doc: JsonDocument<T>): Promise<Read<T>> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' }
    throw error
  }
  let raw: unknown
  try {
    raw = parseExactJson(text.startsWith(BOM) ? text.slice(1) : text)
  } catch {
    return { kind: 'damaged' }
  }
  const parsed = doc.schema.safeParse(raw)
  if (parsed.success) return { kind: 'read', value: parsed.data, dropped: 0 }
  const salvaged = doc.salvage?.(raw) ?? null
  return salvaged ? { kind: 'read', ...salvaged } : { kind: 'damaged' }
}

/** write-file-atomic names its temp files `<file>.<number>`; a crash mid-write leaves one behind. */
async function sweepTempFiles(folder: string, name: string): Promise<void> {
  const leftover = new RegExp(`^${escapeRegExp(name)}(\\.bak)?\\.(\\d+|tmp)$`)
  for (const entry of await readdir(folder)) {
    if (leftover.test(entry)) await unlink(join(folder, entry)).catch(() => undefined)
  }
  await syncFolder(folder)
}
