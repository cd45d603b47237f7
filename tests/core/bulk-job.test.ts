import { afterEach, describe, expect, it } from 'vitest'
import type { BulkJob } from '../../src/shared/contract/bulk-contract'
import type { DraftView, SyncRecord } from '../../src/shared/domain/draft'
import type { StoredToken } from '../../src/sandbox/index'
import { startCoreHarness, type CoreHarness } from './core-harness'
import { UNTICKED_BY_RENAME_AND_ADD, renameAndAdd, untilJob } from './bulk-job-fixture'

// Bulk jobs (issue 10) against the real core, files, keychain and sandbox: one draft per token through
// the outbox, a report that matches what the server holds, retry of the failed, undo, pause / resume /
// cancel, and a restart in the middle of a job.

let harness: CoreHarness | undefined
afterEach(async () => {
  harness?.sandbox.control.stopUsage()
  await harness?.close()
  harness = undefined
})

const SUFFIX = '-bulk'
const ADD = 1000
const change = renameAndAdd(SUFFIX, ADD)
/** Fields the change above does not tick: none may change on the server. */
const UNTICKED = UNTICKED_BY_RENAME_AND_ADD

async function start(pacing?: { requests: number; windowSeconds: number }) {
  harness = await startCoreHarness({ seedTokens: 120, latencyMs: 5 })
  const h = harness
  const { id: profileId } = await h.addSandboxProfile()
  if (pacing) await h.value('profiles.setPacing', { id: profileId, pacing })
  await h.value('tokens.list', { profileId })
  const rows = h.sandbox.control
    .tokens()
    .filter(
      (t) => !t.unlimited_quota && t.remain_quota > 1_000_000 && t.status === 1 && t.expired_time === -1,
    )
    .slice(0, 50)
  expect(rows).toHaveLength(50)
  return { h, profileId, rows }
}

const finished = (job: BulkJob) => job.state === 'done'
const byToken = (job: BulkJob) => new Map(job.items.map((item) => [item.tokenId, item]))
const count = (job: BulkJob, state: string) => job.items.filter((item) => item.state === state).length

describe('a bulk change of 50 tokens', () => {
  it('reports exactly what the server holds, retries only the failed, and undoes the changed fields', async () => {
    const { h, profileId, rows } = await start()
    const control = h.sandbox.control
    const before = new Map(rows.map((row) => [row.id, row]))
    const busy = rows.slice(10, 15).map((row) => row.id)
    const stopUsage = control.startUsage({ tokenIds: busy, quotaPerTick: 100, intervalMs: 5 })
    // The server refuses the first three full updates outright (not a passing failure).
    control.injectFault({ kind: 'status', status: 400 }, { method: 'PUT', path: '/api/token/', times: 3 })
    control.clearRequests()
    const missing = 999_999
    const started = await h.value<BulkJob>('bulk.start', {
      profileId,
      tokenIds: [...rows.map((row) => row.id), missing],
      change,
    })
    expect(started).toMatchObject({ kind: 'apply', undoOf: null })
    const job = await untilJob(h, profileId, started.id, finished)

    expect([count(job, 'synced'), count(job, 'failed'), count(job, 'skipped')]).toEqual([47, 3, 1])
    expect(byToken(job).get(missing)).toMatchObject({ state: 'skipped', error: { code: 'not-found' } })
    stopUsage()
    for (const item of job.items.filter((i) => i.tokenId !== missing)) {
      const old = before.get(item.tokenId)!
      const now = control.token(item.tokenId)!
      for (const field of UNTICKED) expect(now[field], `${field} of ${item.tokenId}`).toEqual(old[field])
      const used = now.used_quota - old.used_quota
      if (item.state === 'failed') {
        expect(item.error).toMatchObject({ code: 'validation' })
        expect(now.name).toBe(old.name)
        expect(now.remain_quota).toBe(old.remain_quota - used)
        continue
      }
      expect(item.state).toBe('synced')
      expect(now.name).toBe(old.name + SUFFIX)
      // The refund reported is exactly the usage the server handed back.
      expect(now.remain_quota - (old.remain_quota + ADD - used), `refund of ${item.tokenId}`).toBe(
        item.refund,
      )
      if (!busy.includes(item.tokenId)) expect(item.refund).toBe(0)
    }
    // A token not in use costs its PUT only when its row came with a page read a moment before (on a
    // loaded machine a row may age first: then it reads its token itself, two requests).
    const idle = job.items.filter((i) => i.state === 'synced' && !busy.includes(i.tokenId))
    for (const item of idle) expect([1, 2]).toContain(item.requests)
    expect(idle.filter((i) => i.requests === 1).length).toBeGreaterThan(idle.length / 2)
    const pageReads = control
      .requests()
      .filter((r) => r.method === 'GET' && r.path.startsWith('/api/token/?'))
    expect(pageReads.length).toBeGreaterThan(0)

    // A token in use keeps at most the usage of its last read → PUT round trip.
    for (const id of busy) {
      const item = byToken(job).get(id)!
      if (item.state !== 'synced') continue
      const requests = control.requests()
      const put = requests.filter((r) => r.method === 'PUT' && (r.body as { id?: number })?.id === id).at(-1)!
      const read = requests
        .filter((r) => r.method === 'GET' && r.path === `/api/token/${id}` && r.at <= put.at)
        .at(-1)
      if (!read) continue
      const ticks = Math.floor((put.at - read.at) / 5) + 2
      expect(item.refund!).toBeLessThanOrEqual(ticks * 100)
    }

    // Retry failed: only those three go again, and they land.
    const failed = job.items.filter((i) => i.state === 'failed').map((i) => i.tokenId)
    control.clearRequests()
    await h.value('bulk.control', { profileId, jobId: job.id, action: 'retryFailed' })
    const retried = await untilJob(h, profileId, job.id, (j) => finished(j) && count(j, 'failed') === 0)
    expect(count(retried, 'synced')).toBe(50)
    const written = control
      .requests()
      .filter((r) => r.method === 'PUT')
      .map((r) => (r.body as { id: number }).id)
    expect(new Set(written)).toEqual(new Set(failed))
    for (const id of failed) expect(control.token(id)!.name).toBe(before.get(id)!.name + SUFFIX)

    // Undo: a new job puts back the names and takes the added quota off again (usage since is kept).
    const undo = await h.value<BulkJob>('bulk.undo', { profileId, jobId: job.id })
    expect(undo).toMatchObject({ kind: 'undo', undoOf: job.id })
    const undone = await untilJob(h, profileId, undo.id, finished)
    expect(count(undone, 'synced')).toBe(50)
    for (const row of rows) {
      const now = control.token(row.id)!
      expect(now.name).toBe(row.name)
      for (const field of UNTICKED) expect(now[field]).toEqual(row[field])
      // What the two writes handed back stays on it: the applied one (retried included) and the undo.
      const refunds = (byToken(retried).get(row.id)!.refund ?? 0) + (byToken(undone).get(row.id)!.refund ?? 0)
      expect(now.remain_quota).toBe(row.remain_quota - (now.used_quota - row.used_quota) + refunds)
    }
  })
})

// These wait out a tight request window on purpose: a minute, not the default, on a loaded machine.
const SLOW = 60_000

describe('controls', () => {
  // A tight limit makes the job wait for room between pages, where the controls can reach it.
  const PACING = { requests: 20, windowSeconds: 5 }

  it(
    'pause holds what is not yet sent, resume finishes it',
    async () => {
      const { h, profileId, rows } = await start(PACING)
      const started = await h.value<BulkJob>('bulk.start', {
        profileId,
        tokenIds: rows.map((r) => r.id),
        change,
      })
      const paused = await h.value<BulkJob>('bulk.control', { profileId, jobId: started.id, action: 'pause' })
      expect(paused.state).toBe('paused')
      const settled = await untilJob(h, profileId, started.id, (j) =>
        j.items.every((i) => i.state !== 'syncing'),
      )
      const waiting = settled.items.filter((i) => i.state === 'queued')
      expect(waiting.length).toBeGreaterThan(0)
      const { drafts } = await h.value<{ drafts: DraftView[] }>('drafts.list', { profileId })
      const held = new Set(drafts.filter((d) => d.state === 'held').map((d) => d.id))
      for (const item of waiting) {
        expect(held.has(item.draftId!)).toBe(true)
        expect(h.sandbox.control.token(item.tokenId)!.name).not.toContain(SUFFIX)
      }
      await h.value('bulk.control', { profileId, jobId: started.id, action: 'resume' })
      const done = await untilJob(h, profileId, started.id, finished)
      expect(count(done, 'synced')).toBe(50)
      for (const row of rows) expect(h.sandbox.control.token(row.id)!.name).toBe(row.name + SUFFIX)
    },
    SLOW,
  )

  it(
    'cancel drops what is not yet sent and changes none of those tokens',
    async () => {
      const { h, profileId, rows } = await start(PACING)
      const started = await h.value<BulkJob>('bulk.start', {
        profileId,
        tokenIds: rows.map((r) => r.id),
        change,
      })
      await h.value('bulk.control', { profileId, jobId: started.id, action: 'cancel' })
      const done = await untilJob(h, profileId, started.id, finished)
      const cancelled = done.items.filter((i) => i.state === 'cancelled')
      expect(cancelled.length).toBeGreaterThan(0)
      expect(count(done, 'synced') + cancelled.length).toBe(50)
      for (const item of done.items) {
        const name = h.sandbox.control.token(item.tokenId)!.name
        const old = rows.find((r) => r.id === item.tokenId)!.name
        expect(name).toBe(item.state === 'synced' ? old + SUFFIX : old)
      }
      const { drafts } = await h.value<{ drafts: DraftView[] }>('drafts.list', { profileId })
      expect(drafts).toEqual([])
    },
    SLOW,
  )
})

describe('a finished report put away', () => {
  it('stays away after a restart; a running job cannot be put away', async () => {
    const { h, profileId, rows } = await start()
    const started = await h.value<BulkJob>('bulk.start', {
      profileId,
      tokenIds: rows.slice(0, 3).map((r) => r.id),
      change,
    })
    const early = await h.value<BulkJob>('bulk.control', { profileId, jobId: started.id, action: 'putAway' })
    expect(early.putAway).toBe(early.state === 'done')
    await untilJob(h, profileId, started.id, finished)
    const away = await h.value<BulkJob>('bulk.control', { profileId, jobId: started.id, action: 'putAway' })
    expect(away).toMatchObject({ state: 'done', putAway: true })
    await h.restart()
    const jobs = await h.value<BulkJob[]>('bulk.jobs', { profileId })
    expect(jobs.find((job) => job.id === started.id)).toMatchObject({ putAway: true })
  })
})

describe('a restart in the middle of a job', () => {
  it(
    'loses nothing and writes nothing twice',
    async () => {
      const { h, profileId, rows } = await start({ requests: 20, windowSeconds: 5 })
      const started = await h.value<BulkJob>('bulk.start', {
        profileId,
        tokenIds: rows.map((r) => r.id),
        change,
      })
      await untilJob(h, profileId, started.id, (j) => count(j, 'synced') > 0)
      await h.restart()
      const done = await untilJob(h, profileId, started.id, finished)
      expect(count(done, 'synced')).toBe(50)
      const { history } = await h.value<{ history: SyncRecord[] }>('drafts.list', { profileId })
      for (const row of rows) {
        const now: StoredToken = h.sandbox.control.token(row.id)!
        expect(now.name).toBe(row.name + SUFFIX)
        expect(now.remain_quota).toBe(row.remain_quota + ADD)
        expect(history.filter((r) => r.tokenId === row.id)).toHaveLength(1)
      }
    },
    SLOW,
  )
})
