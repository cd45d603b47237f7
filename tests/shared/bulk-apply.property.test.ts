import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyBulkChange } from '../../src/shared/domain/bulk-apply'
import {
  BULK_OP_FIELDS,
  BULK_OPS,
  bulkChangeSchema,
  type BulkChange,
} from '../../src/shared/domain/bulk-change'
import {
  bulkRules,
  sameBulkValue,
  type BulkField,
  type BulkResult,
} from '../../src/shared/domain/bulk-result'
import { undoBulkChange } from '../../src/shared/domain/bulk-undo'
import type { DraftBase } from '../../src/shared/domain/draft'
import { applyDraft } from '../../src/shared/domain/draft-overlay'
import { mergeDraft } from '../../src/shared/domain/draft-merge'
import { checkEdit } from '../../src/shared/domain/edit-check'
import { applyQuotaIntent } from '../../src/shared/domain/quota-intent'
import { EDITABLE_FIELDS } from '../../src/shared/domain/token'
import { editableOf } from '../../src/shared/domain/token-values'
import { anyEdit, anyToken, CTX, FACTS, NOW, validToken } from './bulk-fixtures'

// The bulk model's promises, for random tokens and random sets of ticked operations. The "server" here
// is what the outbox does with a draft: merge it with the token as the server holds it (draft-merge.ts),
// apply the quota intent to the fresh quota, then set the status.

const ALL_FIELDS: BulkField[] = [...EDITABLE_FIELDS, 'status']

/** The fields a change may touch: those of its ticked operations. */
function tickedFields(change: BulkChange): Set<BulkField> {
  if (change.kind === 'delete') return new Set()
  return new Set(BULK_OPS.filter((op) => change[op] !== undefined).map((op) => BULK_OP_FIELDS[op]))
}

/** The server after one draft reached it: base = what the draft was made on, `server` = what it holds. */
function synced(base: DraftBase, result: Pick<BulkResult, 'draft'>, server: DraftBase): DraftBase {
  const draft = result.draft
  if (draft?.kind !== 'update') return server
  const merged = mergeDraft(base, draft.changes, server)
  expect(merged.conflicts).toEqual([])
  return applyDraft(server, { changes: merged.write, quota: draft.quota, wantStatus: draft.wantStatus })
}

describe('bulk change properties', () => {
  it('never changes a field no ticked operation names', () => {
    fc.assert(
      fc.property(anyToken, anyEdit, fc.integer({ min: 1, max: 500 }), (t, change, position) => {
        const result = applyBulkChange(t, change, { ...CTX, position })
        const ticked = tickedFields(change)
        for (const field of ALL_FIELDS.filter((f) => !ticked.has(f)))
          expect(sameBulkValue(field, result.after[field], t[field]), field).toBe(true)
        expect(result.diff.every((d) => ticked.has(d.field))).toBe(true)
        if (result.draft?.kind === 'update') {
          for (const field of Object.keys(result.draft.changes))
            expect(ticked.has(field as BulkField)).toBe(true)
          if (result.draft.quota) expect(ticked.has('remain_quota')).toBe(true)
          if (result.draft.wantStatus) expect(ticked.has('status')).toBe(true)
        }
      }),
      { numRuns: 500 },
    )
  })

  it('gives a draft the shared field rules accept, or an error and nothing to send', () => {
    fc.assert(
      fc.property(anyToken, anyEdit, (t, change) => {
        const result = applyBulkChange(t, change, CTX)
        if (result.errors.length > 0) {
          expect(result.draft).toBeNull()
          return
        }
        if (result.draft === null) {
          expect(result.diff).toEqual([])
          return
        }
        expect(result.draft.kind).toBe('update')
        if (result.draft.kind !== 'update') return
        const checked = checkEdit(editableOf(t), result.draft, bulkRules(CTX))
        expect(checked.ok).toBe(true)
        // Only real changes: every field in the draft moves, and the diff names exactly what moves.
        for (const [field, value] of Object.entries(result.draft.changes))
          expect(sameBulkValue(field as BulkField, value, t[field as keyof DraftBase])).toBe(false)
        expect(result.diff.length).toBeGreaterThan(0)
        expect(result.after).toEqual(applyDraft(t, result.draft))
      }),
      { numRuns: 500 },
    )
  })

  it('undo restores every changed field but quota, when the before-values are valid', () => {
    fc.assert(
      fc.property(validToken, anyEdit, (t, change) => {
        const result = applyBulkChange(t, change, CTX)
        fc.pre(result.draft?.kind === 'update')
        const afterChange = synced(t, result, t)
        const undo = undoBulkChange(afterChange, result.diff, { nowSeconds: NOW, facts: FACTS })
        expect(undo.skipped).toEqual([])
        const restored = synced(undo.base, undo, afterChange)
        for (const { field, before } of result.diff) {
          if (field === 'remain_quota') continue
          if (field === 'status') expect(restored.status).toBe(before === 2 ? 2 : 1)
          else expect(sameBulkValue(field, restored[field], before), field).toBe(true)
        }
      }),
      { numRuns: 500 },
    )
  })

  it('undo of a quota change leaves the quota net of the usage since', () => {
    const quotaEdit = fc
      .oneof(
        fc.integer({ min: -1e8, max: 1e8 }).map((delta) => ({ mode: 'add' as const, delta })),
        fc.integer({ min: 0, max: 1e9 }).map((value) => ({ mode: 'set' as const, value })),
      )
      .map((quota) => bulkChangeSchema.parse({ kind: 'edit', quota }))
    const limited = validToken.map((t) => ({ ...t, unlimited_quota: false }))
    fc.assert(
      fc.property(limited, quotaEdit, fc.integer({ min: 0, max: 1e8 }), (t, change, used) => {
        const result = applyBulkChange(t, change, CTX)
        fc.pre(result.draft?.kind === 'update')
        const written = synced(t, result, t)
        const now = { ...written, remain_quota: written.remain_quota - used }
        const undo = undoBulkChange(now, result.diff, { nowSeconds: NOW, facts: FACTS })
        const netOfUsage = t.remain_quota - used
        if (netOfUsage < 0) {
          // Usage took more than the quota had before: going back would go below zero, which the rules refuse.
          expect(undo.skipped.map((i) => i.key)).toContain('quota.negative')
          expect(undo.draft).toBeNull()
          return
        }
        expect(undo.skipped).toEqual([])
        const draft = undo.draft
        expect(draft?.kind).toBe('update')
        if (draft?.kind !== 'update') return
        expect(applyQuotaIntent(now.remain_quota, draft.quota)).toBe(netOfUsage)
      }),
      { numRuns: 500 },
    )
  })

  it('a rename with {n} gives every position its own name', () => {
    const template = fc
      .tuple(fc.constantFrom('', 'bot-', ' key ', '令牌'), fc.constantFrom('', '-x', ' ', '{n}'))
      .map(([before, after]) => `${before}{n}${after}`)
    fc.assert(
      fc.property(template, fc.array(anyToken, { minLength: 2, maxLength: 40 }), (pattern, tokens) => {
        const change = bulkChangeSchema.parse({
          kind: 'edit',
          rename: { mode: 'template', template: pattern },
        })
        const named = tokens
          .map((t, index) => applyBulkChange(t, change, { ...CTX, position: index + 1 }))
          .filter((result) => result.errors.length === 0)
          .map((result) => result.after.name)
        expect(new Set(named).size).toBe(named.length)
      }),
      { numRuns: 300 },
    )
  })

  it('applies an update to a freshly read token exactly as the preview showed', () => {
    // The draft carries intents and changed fields only: synced onto the token it was made from, the
    // server holds the preview's after-values.
    fc.assert(
      fc.property(anyToken, anyEdit, (t, change) => {
        const result = applyBulkChange(t, change, CTX)
        fc.pre(result.draft?.kind === 'update')
        const server = synced(t, result, t)
        for (const field of ALL_FIELDS)
          expect(sameBulkValue(field, server[field], result.after[field]), field).toBe(true)
      }),
      { numRuns: 300 },
    )
  })
})
