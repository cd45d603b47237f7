import { copyFile, mkdir, readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { BulkJob } from '../../src/shared/contract/bulk-contract'
import type { SyncRecord } from '../../src/shared/domain/draft'
import { BULK_FILE } from '../../src/main/core/bulk/bulk-store'
import { OUTBOX_FILE } from '../../src/main/core/drafts/outbox'
import { serverFolder } from '../../src/main/core/storage/server-folder'
import { TOKEN_CACHE_FILE } from '../../src/main/core/workspace/token-cache'
import { startCoreHarness, type CoreHarness } from './core-harness'
import { untilJob } from './bulk-job-fixture'

// A bulk job's durable writes are grouped (a jobs-file write per tick, outbox and cache writes shared by
// the drafts recorded together): a crash between those commit points must lose nothing the user was
// shown and send no change twice. The crash is the disk as it stands at one moment, copied file by file
// in the order the core's writes depend on each other — the jobs file (written last, lagging most), then
// the token cache, then the outbox (a draft's record reaches it before its row reaches the cache) — and a
// new core started on that copy while the old one stops (what it had on its way still lands, as requests
// sent just before a crash do).

let harness: CoreHarness | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

const SUFFIX = '-crash'
const ADD = 1000
const SLOW = 90_000

/** Copies a folder as it stands; a file gone meanwhile (a write's temp file, renamed) is not copied. */
async function copyFolder(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true })
  for (const entry of await readdir(from, { withFileTypes: true })) {
    if (entry.isDirectory()) await copyFolder(join(from, entry.name), join(to, entry.name))
    else await copyFile(join(from, entry.name), join(to, entry.name)).catch(ignoreGone)
  }
}

const ignoreGone = (error: NodeJS.ErrnoException) => {
  if (error.code !== 'ENOENT') throw error
}

const synced = (job: BulkJob) => job.items.filter((item) => item.state === 'synced')

describe('a crash in the middle of a bulk job', () => {
  it(
    'loses no outcome it had shown and adds no quota twice',
    async () => {
      harness = await startCoreHarness({ seedTokens: 120, latencyMs: 5 })
      const h = harness
      const control = h.sandbox.control
      const { id: profileId } = await h.addSandboxProfile()
      // A tight window keeps the job running long enough for the crash to land in the middle of it.
      await h.value('profiles.setPacing', { id: profileId, pacing: { requests: 20, windowSeconds: 5 } })
      await h.value('tokens.list', { profileId })
      const rows = control
        .tokens()
        .filter(
          (t) => !t.unlimited_quota && t.remain_quota > 1_000_000 && t.status === 1 && t.expired_time === -1,
        )
        .slice(0, 50)
      expect(rows).toHaveLength(50)
      control.clearRequests()
      const started = await h.value<BulkJob>('bulk.start', {
        profileId,
        tokenIds: rows.map((row) => row.id),
        change: {
          kind: 'edit',
          rename: { mode: 'suffix', text: SUFFIX },
          quota: { mode: 'add', delta: ADD },
        },
      })

      const shown = synced(await untilJob(h, profileId, started.id, (job) => synced(job).length >= 5))
      expect(shown.length).toBeLessThan(rows.length)
      // The crash: from this moment no write of this app reaches the server (a request already there
      // lands), and the disk is what the core had saved by then.
      control.injectFault({ kind: 'reset' }, { method: 'PUT', times: Infinity })
      const crashed = `${h.dataDir}-crashed`
      await copyFolder(h.dataDir, crashed)
      for (const name of [BULK_FILE, TOKEN_CACHE_FILE, OUTBOX_FILE])
        await copyFile(
          join(serverFolder(h.dataDir, profileId), name),
          join(serverFolder(crashed, profileId), name),
        )
      // The old core stops (what it tries meanwhile is cut off); the new one starts on the copy, put at
      // the data folder's own path (the keychain entries are scoped to it).
      await h.restart(async () => {
        await rm(h.dataDir, { recursive: true, force: true })
        await rename(crashed, h.dataDir)
        control.clearFaults()
      })

      const done = await untilJob(h, profileId, started.id, (job) => job.state === 'done')
      const items = new Map(done.items.map((item) => [item.tokenId, item]))
      // What the user had seen reached the server stays so, with the refund it reported.
      for (const item of shown)
        expect(items.get(item.tokenId)).toMatchObject({ state: 'synced', refund: item.refund })
      expect(synced(done)).toHaveLength(rows.length)

      const { history } = await h.value<{ history: SyncRecord[] }>('drafts.list', { profileId })
      for (const row of rows) {
        const now = control.token(row.id)!
        expect(now.name).toBe(row.name + SUFFIX)
        // Added once: a draft whose record the crash lost is judged on a fresh read, not sent again.
        expect(now.remain_quota, `quota of ${row.id}`).toBe(row.remain_quota + ADD)
        expect(history.filter((record) => record.tokenId === row.id)).toHaveLength(1)
      }
    },
    SLOW,
  )
})
