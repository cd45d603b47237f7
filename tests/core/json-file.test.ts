import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { JsonFile, type JsonDocument } from '../../src/main/core/storage/json-file'
import type { StorageNotice } from '../../src/shared/domain/storage-notice'

// The one store every data file goes through: queued durable writes, the last good copy kept, damaged
// files salvaged (never silently emptied) and reported. Real files in a temp folder.

let root: string | undefined
afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true })
  root = undefined
})

const itemSchema = z.object({ id: z.number().int(), label: z.string() })
const listSchema = z.object({ items: z.array(itemSchema) })
type List = z.infer<typeof listSchema>

const listDocument: JsonDocument<List> = {
  schema: listSchema,
  empty: () => ({ items: [] }),
  salvage: (raw) => {
    const items = (raw as { items?: unknown })?.items
    if (!Array.isArray(items)) return null
    const kept = items.flatMap((item) => {
      const parsed = itemSchema.safeParse(item)
      return parsed.success ? [parsed.data] : []
    })
    return { value: { items: kept }, dropped: items.length - kept.length }
  },
}

async function setup() {
  root = await mkdtemp(join(tmpdir(), 'tokendesk-json-'))
  const notices: Omit<StorageNotice, 'id'>[] = []
  const path = join(root, 'servers', 'p1', 'list.json')
  const open = () =>
    JsonFile.open(path, listDocument, { root: root!, now: Date.now, report: (n) => notices.push(n) })
  return { root, path, notices, open }
}

const add =
  (id: number, label = `item ${id}`) =>
  (list: List) => ({ items: [...list.items, { id, label }] })
const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8')) as List

describe('writing', () => {
  it('saves every overlapping change, each caller seeing its own, in a 0600 file in a 0700 folder', async () => {
    const { path, open } = await setup()
    const file = await open()
    const results = await Promise.all([file.update(add(1)), file.update(add(2)), file.update(add(3))])
    expect(results.map((r) => r.items.length)).toEqual([1, 2, 3])
    expect((await readJson(path)).items.map((i) => i.id)).toEqual([1, 2, 3])
    if (process.platform !== 'win32') {
      expect((await stat(path)).mode & 0o777).toBe(0o600)
      expect((await stat(join(path, '..'))).mode & 0o777).toBe(0o700)
    }
  })

  it('fails a change that throws or breaks the schema alone, and keeps the others', async () => {
    const { path, open } = await setup()
    const file = await open()
    const bad = file.update(() => {
      throw new Error('boom')
    })
    const invalid = file.update((list) => ({ items: [...list.items, { id: 'x' }] }) as unknown as List)
    const good = file.update(add(7))
    await expect(bad).rejects.toThrow('boom')
    await expect(invalid).rejects.toThrow()
    await expect(good).resolves.toEqual({ items: [{ id: 7, label: 'item 7' }] })
    expect(await readJson(path)).toEqual({ items: [{ id: 7, label: 'item 7' }] })
  })

  it('keeps nothing of a batch whose write failed, in memory or on disk', async () => {
    const { path, open } = await setup()
    const file = await open()
    await file.update(add(1))
    // A folder where the file's temp name would go: the atomic write cannot complete.
    await rm(path)
    await mkdir(path)
    await expect(file.update(add(2))).rejects.toThrow()
    expect(file.value.items.map((i) => i.id)).toEqual([1])
    await rm(path, { recursive: true })
    await expect(file.update(add(3))).resolves.toEqual({
      items: [
        { id: 1, label: 'item 1' },
        { id: 3, label: 'item 3' },
      ],
    })
  })

  it('keeps the version it replaces as .bak', async () => {
    const { path, open } = await setup()
    const file = await open()
    await file.update(add(1))
    await file.update(add(2))
    expect((await readJson(`${path}.bak`)).items.map((i) => i.id)).toEqual([1])
    expect((await readJson(path)).items.map((i) => i.id)).toEqual([1, 2])
  })

  it('writes changes that may wait as one group: the version before the group becomes the .bak', async () => {
    const { path, open } = await setup()
    const file = await open()
    await file.update(add(1))
    const group = [2, 3, 4, 5].map((id) => file.update(add(id), { within: 100 }))
    // Each caller learns of its change once it is on disk (the whole group's write).
    const results = await Promise.all(group)
    expect(results.at(-1)!.items.map((i) => i.id)).toEqual([1, 2, 3, 4, 5])
    expect((await readJson(path)).items.map((i) => i.id)).toEqual([1, 2, 3, 4, 5])
    // One write for the four: one at a time, the .bak would hold 1–4.
    expect((await readJson(`${path}.bak`)).items.map((i) => i.id)).toEqual([1])
  })

  it('lets a change that cannot wait take the waiting ones along in its write', async () => {
    const { path, open } = await setup()
    const file = await open()
    await file.update(add(1))
    // Far longer than the test may run: only the change that cannot wait can bring them to disk.
    const waiting = [2, 3].map((id) => file.update(add(id), { within: 600_000 }))
    await file.update(add(4))
    await Promise.all(waiting)
    expect((await readJson(path)).items.map((i) => i.id)).toEqual([1, 2, 3, 4])
    expect((await readJson(`${path}.bak`)).items.map((i) => i.id)).toEqual([1])
  })

  it('writes waiting changes at once when asked to settle (closing), and fails a bad one alone', async () => {
    const { path, open } = await setup()
    const file = await open()
    const good = file.update(add(1), { within: 600_000 })
    const invalid = file.update((list) => ({ items: [...list.items, { id: 'x' }] }) as unknown as List, {
      within: 600_000,
    })
    const later = file.update(add(2), { within: 600_000 })
    const refused = expect(invalid).rejects.toThrow()
    await file.settled()
    await refused
    await expect(Promise.all([good, later])).resolves.toHaveLength(2)
    expect((await readJson(path)).items.map((i) => i.id)).toEqual([1, 2])
  })

  it('deletes the file and its backup on remove, and refuses changes afterwards', async () => {
    const { path, open } = await setup()
    const file = await open()
    await file.update(add(1))
    await file.update(add(2))
    await file.remove()
    const left = await readdir(join(path, '..'))
    expect(left).toEqual([])
    await expect(file.update(add(3))).rejects.toThrow(/removed/)
  })
})

describe('opening', () => {
  it('accepts a UTF-8 BOM and sweeps temp files a crash left behind', async () => {
    const { path, open } = await setup()
    await mkdir(join(path, '..'), { recursive: true })
    await writeFile(path, '\uFEFF' + JSON.stringify({ items: [{ id: 1, label: 'with a BOM' }] }))
    await writeFile(`${path}.3141592653`, '{"items": [')
    await writeFile(`${path}.bak.tmp`, 'half')
    await writeFile(join(path, '..', 'other.json.1234'), 'not ours')
    const file = await open()
    expect(file.value.items).toEqual([{ id: 1, label: 'with a BOM' }])
    expect((await readdir(join(path, '..'))).sort()).toEqual(['list.json', 'other.json.1234'])
  })

  it('keeps every readable record of a damaged file, reports the rest and keeps the original', async () => {
    const { path, root, notices, open } = await setup()
    await mkdir(join(path, '..'), { recursive: true })
    const original = JSON.stringify({ items: [{ id: 1, label: 'a' }, { id: 'two' }, { id: 3, label: 'c' }] })
    await writeFile(path, original)
    const file = await open()
    expect(file.value.items.map((i) => i.id)).toEqual([1, 3])
    expect(notices).toEqual([
      expect.objectContaining({
        file: join('servers', 'p1', 'list.json'),
        kind: 'records-dropped',
        dropped: 1,
      }),
    ])
    expect(await readFile(join(root, notices[0]!.keptAs!), 'utf8')).toBe(original)
    expect((await readJson(path)).items.map((i) => i.id)).toEqual([1, 3])
  })

  it('falls back to the last good copy when the file is not JSON at all', async () => {
    const { path, notices, open } = await setup()
    const first = await open()
    await first.update(add(1))
    await first.update(add(2))
    await writeFile(path, '{"items": [{"id": 1, "lab') // torn by something other than TokenDesk
    const file = await open()
    expect(file.value.items.map((i) => i.id)).toEqual([1])
    expect(notices).toEqual([expect.objectContaining({ kind: 'restored-from-backup' })])
    expect((await readJson(path)).items.map((i) => i.id)).toEqual([1])
  })

  it('starts empty only when neither the file nor its backup can be read, and says so', async () => {
    const { path, root, notices, open } = await setup()
    await mkdir(join(path, '..'), { recursive: true })
    await writeFile(path, 'garbage')
    const file = await open()
    expect(file.value).toEqual({ items: [] })
    expect(notices).toEqual([expect.objectContaining({ kind: 'reset', dropped: 0 })])
    expect(await readFile(join(root, notices[0]!.keptAs!), 'utf8')).toBe('garbage')
  })
})
