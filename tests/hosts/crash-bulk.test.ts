import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import keytar from 'keytar'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startWebHost, type WebHostProcess } from '../../e2e/fixtures/web-host-process'
import { callHost } from './host-call'
import { BULK_FILE, bulkFileSchema } from '../../src/main/core/bulk/bulk-store'
import { OUTBOX_FILE, outboxSchema } from '../../src/main/core/drafts/outbox'
import { serverFolder } from '../../src/main/core/storage/server-folder'
import { startSandbox, type SandboxGateway, type StoredToken } from '../../src/sandbox/index'
import type { BulkJob } from '../../src/shared/contract/bulk-contract'
import { UNTICKED_BY_RENAME_AND_ADD, renameAndAdd } from '../core/bulk-job-fixture'
import type { DraftView, SyncRecord } from '../../src/shared/domain/draft'

// A bulk job survives crashes: the real browser host (built out/main/web.js, real core, files, keychain)
// runs a job over 50 tokens against the sandbox and is killed with SIGKILL at random points of it —
// several times — then started again on the same data folder. The job resumes and finishes, and the
// server shows each ticked change once, nothing else changed, quota handed back only within a read → PUT
// round trip, and the job's report says exactly that. The files are whole.

const KILLS = 6
const TOKENS = 50
const SUFFIX = '-crash'
const ADD = 7_000
/** Usage on a few tokens while the job runs: each tick takes this much quota. */
const TICK_MS = 5
const PER_TICK = 100
const change = renameAndAdd(SUFFIX, ADD)
/** Fields the change does not tick: none may change. */
const UNTICKED = UNTICKED_BY_RENAME_AND_ADD
const webJs = resolve('out/main/web.js')
const keychainService = `TokenDesk-crash-bulk-${randomUUID()}`

let sandbox: SandboxGateway
let dataDir: string
let host: WebHostProcess | undefined

beforeAll(async () => {
  if (!existsSync(webJs)) execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' })
  // Latency keeps each write in flight long enough for a kill to land inside one.
  sandbox = await startSandbox({ seedTokens: 80, latencyMs: 15, rateLimits: { global: false } })
  dataDir = await mkdtemp(join(tmpdir(), 'tokendesk-crash-bulk-'))
}, 120_000)

afterAll(async () => {
  await host?.stop()
  sandbox.control.stopUsage()
  await sandbox.close()
  await rm(dataDir, { recursive: true, force: true })
  for (const credential of await keytar.findCredentials(keychainService)) {
    await keytar.deletePassword(keychainService, credential.account)
  }
})

async function value<T>(channel: string, input?: unknown): Promise<T> {
  const result = await callHost<T>(host!, channel, input)
  if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`)
  return result.value
}

const jobOf = async (profileId: string, jobId: string) =>
  (await value<BulkJob[]>('bulk.jobs', { profileId })).find((job) => job.id === jobId)!
const settled = (job: BulkJob) =>
  job.items.filter((item) => item.state !== 'queued' && item.state !== 'syncing')
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms))

it(`a bulk job of ${TOKENS} tokens finishes exactly once, killed ${KILLS} times in the middle`, async () => {
  host = await startWebHost({ dataDir, keychainService })
  const { id: profileId } = await value<{ id: string }>('profiles.add', {
    name: 'Bulk crash target',
    baseUrl: sandbox.baseUrl,
    userId: sandbox.userId,
    accessToken: sandbox.accessToken,
  })
  await value('tokens.list', { profileId })
  const rows: StoredToken[] = sandbox.control
    .tokens()
    .filter(
      (t) =>
        !t.unlimited_quota &&
        t.remain_quota > 1_000_000 &&
        t.status === 1 &&
        t.expired_time === -1 &&
        Buffer.byteLength(t.name + SUFFIX) <= 50,
    )
    .slice(0, TOKENS)
  expect(rows).toHaveLength(TOKENS)
  const before = new Map(rows.map((row) => [row.id, structuredClone(row)]))
  const busy = rows.filter((_, index) => index % 10 === 3).map((row) => row.id)
  sandbox.control.startUsage({ tokenIds: busy, quotaPerTick: PER_TICK, intervalMs: TICK_MS })

  const started = await value<BulkJob>('bulk.start', { profileId, tokenIds: rows.map((r) => r.id), change })
  expect(started.items.every((item) => item.state === 'queued')).toBe(true)
  // Kill points: after a random number of tokens has an outcome (spread over the job), and then a random
  // moment later, so the kill lands inside a write, a read or a save as it happens.
  const points = Array.from({ length: KILLS }, (_, i) =>
    Math.floor(((i + Math.random()) * (TOKENS - 5)) / KILLS),
  )
  const killedAt: number[] = []
  for (const point of points) {
    for (;;) {
      const job = await jobOf(profileId, started.id)
      if (settled(job).length >= point || job.state === 'done') break
      await pause(10)
    }
    await pause(Math.random() * 60)
    await host.kill()
    killedAt.push(settled(await readJobFile(profileId, started.id)).length)
    host = await startWebHost({ dataDir, keychainService })
  }

  // Resumed by itself on start; it ends.
  let job = await jobOf(profileId, started.id)
  while (job.state !== 'done') {
    await pause(50)
    job = await jobOf(profileId, started.id)
  }
  sandbox.control.stopUsage()
  // The kills landed inside the job, not after it.
  expect(killedAt.some((count) => count < TOKENS)).toBe(true)
  console.log(`bulk crash test: killed with ${killedAt.join(', ')} of ${TOKENS} outcomes in the job's file`)

  // Whole files, no storage notices.
  expect(await value('app.notices')).toEqual([])
  const folder = serverFolder(dataDir, profileId)
  const outbox = outboxSchema.parse(JSON.parse(await readFile(join(folder, OUTBOX_FILE), 'utf8')))
  bulkFileSchema.parse(JSON.parse(await readFile(join(folder, BULK_FILE), 'utf8')))
  expect(outbox.drafts).toEqual([])

  // The report is what the server shows: every token synced, each written once.
  expect(job.items.map((item) => item.state)).toEqual(rows.map(() => 'synced'))
  const { history } = await value<{ drafts: DraftView[]; history: SyncRecord[] }>('drafts.list', {
    profileId,
  })
  const requests = sandbox.control.requests()
  for (const item of job.items) {
    const old = before.get(item.tokenId)!
    const now = sandbox.control.token(item.tokenId)!
    expect(
      history.filter((record) => record.tokenId === item.tokenId),
      `records of ${item.tokenId}`,
    ).toHaveLength(1)
    expect(now.name, `name of ${item.tokenId}`).toBe(old.name + SUFFIX)
    for (const field of UNTICKED) expect(now[field], `${field} of ${item.tokenId}`).toEqual(old[field])
    // The quota: added once; what usage the writes handed back is what the report says.
    const used = now.used_quota - old.used_quota
    const refunded = now.remain_quota - (old.remain_quota + ADD - used)
    expect(refunded, `refund of ${item.tokenId}`).toBe(item.refund ?? 0)
    if (!busy.includes(item.tokenId)) {
      expect(refunded, `refund of idle ${item.tokenId}`).toBe(0)
      continue
    }
    // A token in use gets back at most the usage between each PUT and the read it was built on.
    const puts = requests.filter(
      (r) => r.method === 'PUT' && (r.body as { id?: number })?.id === item.tokenId,
    )
    let bound = 0
    for (const put of puts) {
      const read = requests
        .filter(
          (r) =>
            r.method === 'GET' &&
            r.at <= put.at &&
            (r.path === `/api/token/${item.tokenId}` || r.path.startsWith('/api/token/?')),
        )
        .at(-1)
      if (read) bound += (Math.floor((put.at - read.at) / TICK_MS) + 2) * PER_TICK
    }
    expect(refunded, `refund of busy ${item.tokenId}`).toBeLessThanOrEqual(bound)
  }
}, 60_000)

/** The job as its own file holds it at this moment. */
async function readJobFile(profileId: string, jobId: string): Promise<BulkJob> {
  const text = await readFile(join(serverFolder(dataDir, profileId), BULK_FILE), 'utf8')
  return bulkFileSchema.parse(JSON.parse(text)).jobs.find((job) => job.id === jobId)!
}
