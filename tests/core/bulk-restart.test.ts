import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import type { BulkJob } from '../../src/shared/contract/bulk-contract'
import type { DraftView, SyncRecord } from '../../src/shared/domain/draft'
import { BULK_FILE, type BulkFile } from '../../src/main/core/bulk/bulk-store'
import { OUTBOX_FILE, type OutboxDoc } from '../../src/main/core/drafts/outbox'
import { HISTORY_LIMIT } from '../../src/main/core/drafts/outbox-history'
import { serverFolder } from '../../src/main/core/storage/server-folder'
import { startCoreHarness, type CoreHarness } from './core-harness'

// A bulk job after the app died between two of its saves, staged on disk as the crash left it: the job's
// file and the outbox each written up to a point. The job at the next start reports what the server got.

let harness: CoreHarness | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

const SUFFIX = '-r'
const change = { kind: 'edit', rename: { mode: 'suffix', text: SUFFIX } }

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (;;) {
    const value = await read()
    if (done(value)) return value
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

it('a job whose outcomes never reached its own file learns them from the outbox, however many records came after', async () => {
  // More tokens than the outbox's history holds, so the first job's records are the oldest of many.
  const total = HISTORY_LIMIT + 40
  harness = await startCoreHarness({ seedTokens: total })
  const h = harness
  const { id: profileId } = await h.addSandboxProfile()
  await h.value('tokens.list', { profileId })
  const rows = h.sandbox.control.tokens().slice(0, total)
  const first = rows.slice(0, 30).map((r) => r.id)
  const second = rows.slice(30).map((r) => r.id)
  const jobs: BulkJob[] = []
  for (const tokenIds of [first, second]) {
    const job = await h.value<BulkJob>('bulk.start', { profileId, tokenIds, change })
    await h.value('bulk.control', { profileId, jobId: job.id, action: 'pause' })
    jobs.push(job)
  }
  // A name the suffix would take past the server's limit is skipped from the start.
  const queued = jobs.flatMap((job) => job.items.filter((i) => i.state === 'queued'))
  expect(queued.length).toBeGreaterThan(HISTORY_LIMIT)
  const willSend = new Set(queued.map((item) => item.tokenId))

  // From here on the jobs' file cannot be written (a folder stands in its place): every outcome the jobs
  // learn stays in memory, as when the app dies before the job's save lands.
  const file = join(serverFolder(h.dataDir, profileId), BULK_FILE)
  const saved = await readFile(file, 'utf8')
  await rm(file)
  await mkdir(join(file, 'in-the-way'), { recursive: true })
  for (const job of jobs) {
    const resumed = await h.call('bulk.control', { profileId, jobId: job.id, action: 'resume' })
    expect(resumed.ok).toBe(false)
  }
  await until(
    () => h.value<{ drafts: DraftView[] }>('drafts.list', { profileId }),
    (outbox) => outbox.drafts.length === 0,
  )

  await h.restart(async () => {
    await rm(file, { recursive: true })
    await writeFile(file, saved)
  })
  const after = await until(
    () => h.value<BulkJob[]>('bulk.jobs', { profileId }),
    (list) => list.every((job) => job.state === 'done'),
  )
  for (const job of after) {
    for (const item of job.items) {
      const row = rows.find((r) => r.id === item.tokenId)!
      const name = h.sandbox.control.token(item.tokenId)!.name
      const sent = willSend.has(item.tokenId)
      expect(name, `token ${item.tokenId}`).toBe(sent ? row.name + SUFFIX : row.name)
      expect(item.state, `token ${item.tokenId}`).toBe(sent ? 'synced' : 'skipped')
    }
  }
  expect(after.flatMap((job) => job.items)).toHaveLength(total)
  // Once the jobs' outcomes are on disk, their records age as any: the history is back to its limit.
  const { history } = await h.value<{ history: SyncRecord[] }>('drafts.list', { profileId })
  expect(history).toHaveLength(HISTORY_LIMIT)
  expect(history.filter((record) => record.bulkJobId !== undefined)).toEqual([])
}, 60_000)

it('a job saved but not yet queued when the app died is queued at the next start and finishes', async () => {
  harness = await startCoreHarness({ seedTokens: 20 })
  const h = harness
  const { id: profileId } = await h.addSandboxProfile()
  await h.value('tokens.list', { profileId })
  const rows = h.sandbox.control.tokens().slice(0, 10)
  await h.sandbox.goOffline()
  const job = await h.value<BulkJob>('bulk.start', { profileId, tokenIds: rows.map((r) => r.id), change })
  const folder = serverFolder(h.dataDir, profileId)
  // The job's first save landed; its drafts never reached the outbox.
  await h.restart(async () => {
    const jobs: BulkFile = JSON.parse(await readFile(join(folder, BULK_FILE), 'utf8'))
    const outbox: OutboxDoc = JSON.parse(await readFile(join(folder, OUTBOX_FILE), 'utf8'))
    const staged = jobs.jobs.map((j) => ({ ...j, queued: false }))
    await writeFile(join(folder, BULK_FILE), JSON.stringify({ jobs: staged }))
    await writeFile(join(folder, OUTBOX_FILE), JSON.stringify({ ...outbox, drafts: [] }))
  })
  await h.sandbox.comeBack()
  await h.value('app.signal', { signal: 'online' })
  const done = await until(
    () => h.value<BulkJob[]>('bulk.jobs', { profileId }),
    (list) => list.every((j) => j.state === 'done'),
  )
  const items = done.find((j) => j.id === job.id)!.items
  expect(items.map((i) => i.state)).toEqual(rows.map(() => 'synced'))
  for (const row of rows) expect(h.sandbox.control.token(row.id)!.name).toBe(row.name + SUFFIX)
}, 30_000)
