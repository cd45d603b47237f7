import { describe, expect, it } from 'vitest'
import type { DraftView } from '@shared/domain/draft'
import { overlayRows, overlayToken } from '@shared/domain/draft-overlay'
import { tokenWith } from './token-rows'

// The rows the table shows: each token as its drafts would leave it, pending creates first.

function draftOf(fields: Partial<DraftView>): DraftView {
  return {
    id: `d${fields.seq ?? 0}`,
    profileId: 'p1',
    kind: 'update',
    tokenId: 1,
    base: null,
    changes: {},
    quota: null,
    wantStatus: null,
    state: 'pending',
    seq: 0,
    createdAt: 0,
    updatedAt: 0,
    attempts: 0,
    lastError: null,
    conflict: null,
    retryAt: null,
    locked: false,
    ...fields,
  }
}

describe('overlayRows', () => {
  const tokens = [
    tokenWith({ id: 3, name: 'c' }),
    tokenWith({ id: 2, name: 'b' }),
    tokenWith({ id: 1, name: 'a' }),
  ]

  it("applies each token's drafts in the order they were made, and only its own", () => {
    const drafts = [
      draftOf({ seq: 5, tokenId: 2, changes: { name: 'b-later' } }),
      draftOf({ seq: 1, tokenId: 2, changes: { name: 'b-first', group: 'vip' } }),
      draftOf({ seq: 2, tokenId: 1, kind: 'delete', state: 'failed' }),
    ]
    const rows = overlayRows(tokens, drafts)
    expect(rows.map((row) => row.token.name)).toEqual(['c', 'b-later', 'a'])
    expect(rows[1]!.token.group).toBe('vip')
    expect(rows[1]!.drafts.map((draft) => draft.seq)).toEqual([1, 5])
    expect(rows[2]).toMatchObject({ deleting: true, state: 'failed' })
    expect(rows[0]).toMatchObject({ drafts: [], state: null, deleting: false, creating: false })
    // The same as overlaying one token at a time.
    for (const [index, token] of tokens.entries()) expect(rows[index]).toEqual(overlayToken(token, drafts))
  })

  it('puts pending creates first, newest first', () => {
    const drafts = [
      draftOf({ seq: 1, kind: 'create', tokenId: null, changes: { name: 'new-1' } }),
      draftOf({ seq: 4, kind: 'create', tokenId: null, changes: { name: 'new-2' } }),
    ]
    const rows = overlayRows(tokens, drafts)
    expect(rows.slice(0, 2).map((row) => [row.token.name, row.creating])).toEqual([
      ['new-2', true],
      ['new-1', true],
    ])
    expect(rows).toHaveLength(5)
  })

  it('hands back the same row for an unchanged token without drafts, so the table need not draw it again', () => {
    const first = overlayRows(tokens, [])
    const renamed = tokenWith({ id: 2, name: 'b2' })
    const next = overlayRows(
      [tokens[0]!, renamed, tokens[2]!],
      [draftOf({ seq: 1, tokenId: 1, changes: { name: 'x' } })],
    )
    expect(next[0]).toBe(first[0])
    expect(next[1]).not.toBe(first[1])
    expect(next[1]!.token.name).toBe('b2')
    expect(next[2]).not.toBe(first[2])
    expect(next[2]!.token.name).toBe('x')
  })
})
