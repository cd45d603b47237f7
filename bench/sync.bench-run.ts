import { expect, test } from 'vitest'
import type { DraftView, SyncRecord } from '../src/shared/domain/draft'
import { type Token } from '../src/shared/domain/token'
import { editableOf } from '../src/shared/domain/token-values'
import { startCoreHarness } from '../tests/core/core-harness'
import { report } from './report'

// Sending 200 drafts — 150 field updates, 30 status-only changes, 20 that turn out to be no-ops (the
// server already holds them) — to the sandbox limited to 60 requests per 10 s (a sliding window, like
// new-api's) with 20 ms of latency; the profile tells TokenDesk that limit.
//
// sync.ratio: time from "send all" to an empty outbox, over the least time the limit allows for the
//   requests made: the k-th request (from 0) cannot go before floor(k / 60) windows have passed, so R
//   requests need at least floor((R - 1) / 60) × 10 s, plus the last one's round trip.
// sync.requests.*: requests per draft, by kind (an update is its read and its PUT; a status change one
//   PUT; a no-op one read).
// sync.429: refusals met.
// sync.read-put-p95: from the sandbox handling a token's read to handling the PUT built from it, the
//   95th percentile: the window in which usage would be refunded.

const LIMIT = { requests: 60, windowSeconds: 10 }
const LATENCY_MS = 20
const KINDS = { update: 150, status: 30, noop: 20 } as const

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN
}

test('sync of 200 drafts under a 60 per 10 s limit', async () => {
  let refused = 0
  const harness = await startCoreHarness(
    { seedTokens: 220, rateLimits: { global: LIMIT }, latencyMs: LATENCY_MS },
    {
      fetch: async (input, init) => {
        const response = await fetch(input, init)
        if (response.status === 429) refused += 1
        return response
      },
    },
  )
  try {
    const profile = await harness.addSandboxProfile()
    await harness.value('profiles.setPacing', { id: profile.id, pacing: LIMIT })
    await harness.value('settings.set', { autoSync: false })
    const rows = harness.sandbox.control
      .tokens()
      .filter((t) => t.status === 1)
      .slice(0, 200)
    expect(rows).toHaveLength(200)
    const kindOf = new Map<string, keyof typeof KINDS>()
    for (const [index, row] of rows.entries()) {
      const kind = index < KINDS.update ? 'update' : index < KINDS.update + KINDS.status ? 'status' : 'noop'
      const base = { id: row.id, status: row.status, ...editableOf(row as Token) }
      const name = `synced-${row.id}`
      // A no-op: someone already made the same change on the server.
      if (kind === 'noop') harness.sandbox.control.patchToken(row.id, { name })
      const saved = await harness.value<{ draft: DraftView }>('drafts.save', {
        profileId: profile.id,
        draftId: null,
        tokenId: row.id,
        base,
        changes: kind === 'status' ? {} : { name },
        quota: null,
        wantStatus: kind === 'status' ? 2 : null,
        mode: 'queue',
      })
      kindOf.set(saved.draft.id, kind)
    }
    // The setup's own requests (adding the server) leave the server's window first.
    await new Promise((resolve) => setTimeout(resolve, LIMIT.windowSeconds * 1000 + 500))
    harness.sandbox.control.clearRequests()
    refused = 0

    const started = performance.now()
    await harness.value('drafts.sync', { profileId: profile.id, draftId: null })
    let history: SyncRecord[] = []
    for (;;) {
      const listed = await harness.value<{ drafts: DraftView[]; history: SyncRecord[] }>('drafts.list', {
        profileId: profile.id,
      })
      history = listed.history
      if (listed.drafts.length === 0) break
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const seconds = (performance.now() - started) / 1000

    const requests = harness.sandbox.control.requests()
    const least =
      Math.floor((requests.length - 1) / LIMIT.requests) * LIMIT.windowSeconds + (2 * LATENCY_MS) / 1000
    const perDraft = (kind: keyof typeof KINDS) => {
      const records = history.filter((r) => kindOf.get(r.draftId) === kind)
      expect(records).toHaveLength(KINDS[kind])
      return records.reduce((sum, r) => sum + r.requests, 0) / records.length
    }
    const windows: number[] = []
    for (const put of requests.filter((r) => r.method === 'PUT' && !r.path.includes('status_only'))) {
      const id = (put.body as { id: number }).id
      const read = requests
        .filter((r) => r.method === 'GET' && r.path === `/api/token/${id}` && r.at <= put.at)
        .at(-1)
      if (read) windows.push(put.at - read.at)
    }
    expect(windows).toHaveLength(KINDS.update)

    const ok = [
      report('sync.ratio', seconds / least, 'x', { op: '<=', value: 1.15 }),
      report('sync.requests.update', perDraft('update'), 'per draft', { op: '<=', value: 2 }),
      report('sync.requests.status', perDraft('status'), 'per draft', { op: '<=', value: 1 }),
      report('sync.requests.noop', perDraft('noop'), 'per draft', { op: '<=', value: 1 }),
      report('sync.429', refused, 'count', { op: '==', value: 0 }),
      report('sync.read-put-p95', percentile(windows, 95), 'ms', { op: '<=', value: 2 * LATENCY_MS + 10 }),
    ]
    console.log(`sync: ${requests.length} requests in ${seconds.toFixed(1)} s (least ${least.toFixed(1)} s)`)
    expect(ok.every(Boolean)).toBe(true)
  } finally {
    await harness.close()
  }
})
