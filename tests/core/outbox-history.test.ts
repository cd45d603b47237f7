import { describe, expect, it } from 'vitest'
import type { Draft, SyncRecord } from '../../src/shared/domain/draft'
import type { OutboxDoc } from '../../src/main/core/drafts/outbox'
import { HISTORY_LIMIT, historyAfter, letGo } from '../../src/main/core/drafts/outbox-history'

// The outbox's history keeps its last HISTORY_LIMIT records, and a bulk job's records until the job
// lets them go (its outcome on its own disk file).

const record = (draftId: string): SyncRecord => ({
  draftId,
  kind: 'update',
  tokenId: 1,
  name: draftId,
  at: 0,
  outcome: 'written',
  fields: ['name'],
  refund: 0,
  requests: 1,
})

const doc = (history: SyncRecord[], drafts: Partial<Draft>[] = []): OutboxDoc => ({
  seq: 0,
  drafts: drafts as Draft[],
  history,
})

const many = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => record(`${prefix}${i}`))

describe('outbox history', () => {
  it('keeps the newest records up to the limit', () => {
    const before = doc(many('old', HISTORY_LIMIT))
    const next = historyAfter(before, before, [record('new')])
    expect(next).toHaveLength(HISTORY_LIMIT)
    expect(next[0]!.draftId).toBe('old1')
    expect(next.at(-1)!.draftId).toBe('new')
  })

  it("keeps a bulk job's records past the limit until the job lets them go", () => {
    const before = doc([], [{ id: 'bulk', bulkJobId: 'job' }])
    let history = historyAfter(before, before, [record('bulk')])
    expect(history).toEqual([{ ...record('bulk'), bulkJobId: 'job' }])
    const later = many('later', HISTORY_LIMIT)
    history = historyAfter(doc(history), doc(history), later)
    expect(history.map((r) => r.draftId)).toEqual(['bulk', ...later.map((r) => r.draftId)])
    // Still running: kept; done: it ages as any record at the next change.
    expect(letGo(history, new Set(['job']))).toEqual(history)
    const loose = letGo(history, new Set())
    expect(loose[0]).toEqual(record('bulk'))
    expect(historyAfter(doc(loose), doc(loose), []).map((r) => r.draftId)).toEqual(
      later.map((r) => r.draftId),
    )
  })
})
