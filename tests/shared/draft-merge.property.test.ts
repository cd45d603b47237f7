import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MERGED_FIELDS, type DraftBase, type MergedField } from '../../src/shared/domain/draft'
import { mergeDraft, sameFieldValue } from '../../src/shared/domain/draft-merge'
import { applyQuotaIntent, type QuotaIntent } from '../../src/shared/domain/quota-intent'
import { EDITABLE_FIELDS, type Token, type TokenChanges } from '../../src/shared/domain/token'
import { buildUpdateBody } from '../../src/shared/domain/update-body'

// The three-way merge and the quota intents, for random base / mine / theirs and usage: a model of the
// server (a full replace of the editable fields, usage landing before the read and inside the read → PUT
// window) checks what the sync would leave on the server.

const NOW = 1_800_000_000

const fieldValue: Record<MergedField, fc.Arbitrary<string | number | boolean>> = {
  name: fc.constantFrom('alpha', 'beta', '客户A', 'gamma-2'),
  expired_time: fc.constantFrom(-1, NOW + 3_600, NOW + 86_400),
  unlimited_quota: fc.boolean(),
  model_limits_enabled: fc.boolean(),
  model_limits: fc.constantFrom('', 'gpt-4o', 'gpt-4o,claude-3', 'claude-3,gpt-4o'),
  allow_ips: fc.constantFrom('', '10.0.0.1', '10.0.0.0/8\n1.2.3.4', '1.2.3.4\n10.0.0.0/8'),
  group: fc.constantFrom('', 'default', 'vip', 'vip,default'),
  cross_group_retry: fc.boolean(),
  auto_groups: fc.constantFrom('', 'vip', 'vip,default', 'default,vip'),
}

const base: fc.Arbitrary<DraftBase> = fc.record({
  id: fc.constant(7),
  status: fc.constant(1),
  name: fieldValue.name as fc.Arbitrary<string>,
  remain_quota: fc.integer({ min: 0, max: 1e9 }),
  expired_time: fieldValue.expired_time as fc.Arbitrary<number>,
  unlimited_quota: fc.boolean(),
  model_limits_enabled: fc.boolean(),
  model_limits: fieldValue.model_limits as fc.Arbitrary<string>,
  allow_ips: fieldValue.allow_ips as fc.Arbitrary<string>,
  group: fieldValue.group as fc.Arbitrary<string>,
  cross_group_retry: fc.boolean(),
  auto_groups: fieldValue.auto_groups as fc.Arbitrary<string>,
})

/** Some fields set to random values (possibly the same as before). */
const someFields = fc
  .subarray([...MERGED_FIELDS])
  .chain((fields) =>
    fc.record(
      Object.fromEntries(fields.map((field) => [field, fieldValue[field]])) as Record<
        string,
        fc.Arbitrary<string | number | boolean>
      >,
    ),
  ) as fc.Arbitrary<Partial<DraftBase>>

const intent: fc.Arbitrary<QuotaIntent | null> = fc.oneof(
  fc.constant(null),
  fc.integer({ min: 0, max: 1e9 }).map((value) => ({ mode: 'set' as const, value })),
  fc.integer({ min: -1e6, max: 1e6 }).map((delta) => ({ mode: 'add' as const, delta })),
)

const usage = fc.integer({ min: 0, max: 100_000 })

function asToken(fields: DraftBase, used: number): Token {
  return { ...fields, key: '', created_time: 0, accessed_time: 0, used_quota: used, fork_field: 'kept' }
}

/** The server: usage before the read, the read, usage in the window, then the full replace. */
function syncOnModel(
  start: DraftBase,
  mine: TokenChanges,
  quota: QuotaIntent | null,
  theirChanges: Partial<DraftBase>,
  usedBefore: number,
  usedInWindow: number,
) {
  const theirs: DraftBase = { ...start, ...theirChanges, remain_quota: start.remain_quota - usedBefore }
  const fresh = asToken(theirs, usedBefore)
  const merged = mergeDraft(start, mine, theirs)
  if (merged.conflicts.length > 0) return { merged, fresh, stored: fresh, answer: null }
  const body = buildUpdateBody(fresh, merged.write, quota)
  // Usage in the window lowers the row; the PUT then writes every editable field from the body (and
  // nothing else: used_quota stays the row's), answering with the row so written.
  const read = {
    ...fresh,
    remain_quota: fresh.remain_quota - usedInWindow,
    used_quota: fresh.used_quota + usedInWindow,
  }
  // A field the body leaves out (the Auto order) is kept by the server.
  const written = Object.fromEntries(
    EDITABLE_FIELDS.filter((field) => field in body).map((field) => [field, body[field]]),
  )
  const answer = { ...read, ...written } as Token
  return { merged, fresh, stored: answer, answer }
}

describe('the three-way merge (property)', () => {
  it('never changes a field the user did not touch, and applies mine wherever it wins', () => {
    fc.assert(
      fc.property(
        base,
        someFields,
        someFields,
        intent,
        usage,
        usage,
        (start, mineRaw, theirRaw, quota, before, during) => {
          const mine = mineRaw as TokenChanges
          const { merged, fresh, stored } = syncOnModel(start, mine, quota, theirRaw, before, during)
          for (const field of MERGED_FIELDS) {
            const touched = mine[field] !== undefined && !sameFieldValue(field, mine[field], start[field])
            if (!touched) expect(sameFieldValue(field, stored[field], fresh[field]), field).toBe(true)
            else if (merged.conflicts.length === 0)
              expect(sameFieldValue(field, stored[field], mine[field]), field).toBe(true)
          }
          // Fields TokenDesk does not know ride along.
          expect(stored.fork_field).toBe('kept')
        },
      ),
      { numRuns: 2_000 },
    )
  })

  it('reports a conflict exactly when both sides changed a field to different values', () => {
    fc.assert(
      fc.property(base, someFields, someFields, (start, mineRaw, theirRaw) => {
        const mine = mineRaw as TokenChanges
        const theirs = { ...start, ...theirRaw }
        const { conflicts } = mergeDraft(start, mine, theirs)
        const expected = MERGED_FIELDS.filter(
          (field) =>
            mine[field] !== undefined &&
            !sameFieldValue(field, mine[field], start[field]) &&
            !sameFieldValue(field, theirs[field], start[field]) &&
            !sameFieldValue(field, theirs[field], mine[field]),
        )
        expect(conflicts.map((c) => c.field)).toEqual(expected)
        for (const conflict of conflicts) {
          expect(conflict).toEqual({
            field: conflict.field,
            base: start[conflict.field],
            mine: mine[conflict.field],
            theirs: theirs[conflict.field],
          })
        }
      }),
      { numRuns: 2_000 },
    )
  })

  it('is deterministic: the same inputs, in any key order, give the same result', () => {
    fc.assert(
      fc.property(base, someFields, someFields, (start, mineRaw, theirRaw) => {
        const mine = mineRaw as TokenChanges
        const theirs = { ...start, ...theirRaw }
        const reversed = Object.fromEntries(Object.entries(mine).reverse()) as TokenChanges
        expect(mergeDraft(start, reversed, theirs)).toEqual(mergeDraft(start, mine, theirs))
        expect(mergeDraft(start, mine, theirs)).toEqual(
          mergeDraft(structuredClone(start), structuredClone(mine), structuredClone(theirs)),
        )
      }),
      { numRuns: 1_000 },
    )
  })
})

describe('quota intents (property)', () => {
  it('land exactly, and refund nothing beyond the measured window', () => {
    fc.assert(
      fc.property(base, someFields, intent, usage, usage, (start, mineRaw, quota, before, during) => {
        const mine = mineRaw as TokenChanges
        const { fresh, answer } = syncOnModel(start, mine, quota, {}, before, during)
        // With no change of theirs there is never a conflict.
        expect(answer).not.toBeNull()
        // set X writes X; add Y adds to the value read just before; no intent sends the value read.
        expect(answer!.remain_quota).toBe(applyQuotaIntent(fresh.remain_quota, quota))
        if (quota?.mode === 'set') expect(answer!.remain_quota).toBe(quota.value)
        if (quota?.mode === 'add')
          expect(answer!.remain_quota).toBe(start.remain_quota - before + quota.delta)
        // The usage before the read is never handed back...
        if (quota === null) expect(answer!.remain_quota).toBe(start.remain_quota - before)
        // ...and what the window handed back is exactly what the answer measures.
        expect(answer!.used_quota - fresh.used_quota).toBe(during)
      }),
      { numRuns: 2_000 },
    )
  })
})
