import { describe, expect, it } from 'vitest'
import { applyBulkChange } from '../../src/shared/domain/bulk-apply'
import { undoBulkChange } from '../../src/shared/domain/bulk-undo'
import { mergeDraft } from '../../src/shared/domain/draft-merge'
import { CTX, DAY, NOW, edit, token } from './bulk-fixtures'

// Undo from the recorded before → after values: a draft like any other edit, so it merges with what
// changed on the server since, and quota goes back by the difference (usage since is kept).

const ctx = { nowSeconds: NOW, facts: CTX.facts }

describe('bulk undo', () => {
  it('puts the before-values back, quota by the difference, status as it was', () => {
    const before = token({ name: 'a', group: 'default', remain_quota: 1_000, status: 2 })
    const applied = applyBulkChange(
      before,
      edit({
        rename: { mode: 'prefix', text: 'eu-' },
        group: 'vip',
        quota: { mode: 'set', value: 5_000 },
        status: 'enable',
      }),
      CTX,
    )
    // 300 used since the change.
    const now = { ...applied.after, remain_quota: 4_700 }
    const undo = undoBulkChange(now, applied.diff, ctx)
    expect(undo.skipped).toEqual([])
    expect(undo.draft).toEqual({
      kind: 'update',
      changes: { name: 'a', group: 'default' },
      quota: { mode: 'add', delta: -4_000 },
      wantStatus: 2,
    })
    expect(undo.base).toMatchObject({ name: 'eu-a', group: 'vip', status: 1 })
  })

  it('turns a field someone changed since into a conflict, not an overwrite', () => {
    const applied = applyBulkChange(token({ group: 'default' }), edit({ group: 'vip' }), CTX)
    const undo = undoBulkChange(applied.after, applied.diff, ctx)
    if (undo.draft?.kind !== 'update') throw new Error('expected an update')
    // On the server, someone moved the token to "svip" after the bulk change.
    const merged = mergeDraft(undo.base, undo.draft.changes, { ...undo.base, group: 'svip' })
    expect(merged.conflicts).toEqual([{ field: 'group', base: 'vip', mine: 'default', theirs: 'svip' }])
  })

  it('leaves a passed expiry and a quota usage took below zero, and undoes the rest', () => {
    const expired = token({ name: 'a', expired_time: NOW - DAY, remain_quota: 100 })
    const applied = applyBulkChange(
      expired,
      edit({
        rename: { mode: 'suffix', text: '-x' },
        expiry: { mode: 'extend', by: { count: 30, unit: 'day' }, from: 'current' },
        quota: { mode: 'add', delta: 1_000 },
      }),
      CTX,
    )
    const now = { ...applied.after, remain_quota: 50 } // 1,050 used since
    const undo = undoBulkChange(now, applied.diff, ctx)
    expect(undo.skipped.map((issue) => [issue.path, issue.key])).toEqual([
      ['expired_time', 'expiry.past'],
      ['remain_quota', 'quota.negative'],
    ])
    expect(undo.draft).toEqual({ kind: 'update', changes: { name: 'a' }, quota: null, wantStatus: null })
  })

  it('makes a token limited again with the quota it counted down meanwhile', () => {
    const applied = applyBulkChange(token({ remain_quota: 900 }), edit({ unlimited: true }), CTX)
    const undo = undoBulkChange({ ...applied.after, remain_quota: 600 }, applied.diff, ctx)
    expect(undo.draft).toEqual({
      kind: 'update',
      changes: { unlimited_quota: false },
      quota: { mode: 'add', delta: 0 },
      wantStatus: null,
    })
  })

  it('enables a token that was stored as expired before it was disabled', () => {
    const applied = applyBulkChange(token({ status: 3 }), edit({ status: 'disable' }), CTX)
    expect(undoBulkChange(applied.after, applied.diff, ctx).draft).toMatchObject({ wantStatus: 1 })
  })

  it('has nothing to undo for a change that changed nothing', () => {
    expect(undoBulkChange(token(), [], ctx)).toEqual({ base: token(), draft: null, skipped: [] })
  })
})
