import { describe, expect, it } from 'vitest'
import { overlayRows } from '@shared/domain/draft-overlay'
import type { DraftView } from '@shared/domain/draft'
import { makeToken } from '@renderer/test/fake-api'
import { shownState, withShownStates } from './shown-draft-state'

const draft = (id: string, tokenId: number, state: DraftView['state'], bulkJobId?: string) =>
  ({
    id,
    tokenId,
    kind: 'update',
    state,
    seq: 1,
    changes: {},
    quota: null,
    wantStatus: null,
    base: null,
    ...(bulkJobId ? { bulkJobId } : {}),
  }) as unknown as DraftView
const running = new Set(['running-job'])

describe('the mark of a bulk job’s drafts', () => {
  it('says pending for the held drafts of a running job, and nothing else changes', () => {
    expect(shownState(draft('a', 1, 'held', 'running-job'), running)).toBe('pending')
    expect(shownState(draft('b', 1, 'held', 'paused-job'), running)).toBe('held')
    expect(shownState(draft('c', 1, 'held'), running)).toBe('held')
    expect(shownState(draft('d', 1, 'failed', 'running-job'), running)).toBe('failed')
  })

  it('changes the mark of a row, not its drafts, and keeps the other rows as they are', () => {
    const tokens = [makeToken({ id: 1 }), makeToken({ id: 2 })]
    const drafts = [draft('a', 1, 'held', 'running-job'), draft('b', 2, 'held')]
    const rows = overlayRows(tokens, drafts)
    const shown = withShownStates(rows, running)
    const first = shown.find((row) => row.token.id === 1)!
    expect(first.state).toBe('pending')
    expect(first.drafts[0]!.state).toBe('held')
    expect(shown.find((row) => row.token.id === 2)).toBe(rows.find((row) => row.token.id === 2))
  })
})
