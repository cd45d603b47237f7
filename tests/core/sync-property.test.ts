import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { syncDraft } from '../../src/main/core/drafts/sync-draft'
import type { Draft, DraftBase } from '../../src/shared/domain/draft'
import { MERGED_FIELDS, type MergedField } from '../../src/shared/domain/draft'
import { sameFieldValue } from '../../src/shared/domain/draft-merge'
import type { QuotaIntent } from '../../src/shared/domain/quota-intent'
import type { TokenChanges } from '../../src/shared/domain/token'
import { startTransport, type TransportFixture } from './transport-fixture'

// The sync of a draft against the real sandbox, for random base / mine / theirs and usage (before the
// read, and inside the read → PUT window): no field the user did not touch changes on the server, the
// quota intent lands exactly, and the only usage handed back is the window's — which the sync record
// measures to the unit.

const TOKEN = 102
const now = Math.floor(Date.now() / 1000)
let fixture: TransportFixture

beforeAll(async () => {
  fixture = await startTransport({ fork: 'anyapi', latencyMs: 20, rateLimits: { global: false } })
})
afterAll(async () => {
  await fixture.close()
})

// The Auto order and cross-group retry are left out here: the server switches both off for any group but
// `auto`, so they are not free fields; tests/core/catalog-channels.test.ts covers them against the sandbox.
type FreeField = Exclude<MergedField, 'cross_group_retry' | 'auto_groups'>
const FREE_FIELDS = MERGED_FIELDS.filter(
  (field): field is FreeField => field !== 'cross_group_retry' && field !== 'auto_groups',
)
const values: Record<FreeField, fc.Arbitrary<string | number | boolean>> = {
  name: fc.constantFrom('alpha', 'beta', '客户A'),
  expired_time: fc.constantFrom(-1, now + 86_400, now + 7 * 86_400),
  unlimited_quota: fc.boolean(),
  model_limits_enabled: fc.boolean(),
  model_limits: fc.constantFrom('', 'gpt-4o', 'gpt-4o,claude-3'),
  allow_ips: fc.constantFrom('', '10.0.0.1', '10.0.0.0/8\n1.2.3.4'),
  group: fc.constantFrom('', 'default', 'vip'),
}
const fields = fc
  .subarray([...FREE_FIELDS])
  .chain((chosen) =>
    fc.record(
      Object.fromEntries(chosen.map((f) => [f, values[f]])) as Record<
        string,
        fc.Arbitrary<string | number | boolean>
      >,
    ),
  )
const start = fc.record(
  Object.fromEntries(FREE_FIELDS.map((f) => [f, values[f]])) as Record<
    string,
    fc.Arbitrary<string | number | boolean>
  >,
)
const intent: fc.Arbitrary<QuotaIntent | null> = fc.oneof(
  fc.constant(null),
  fc.integer({ min: 0, max: 5e8 }).map((value) => ({ mode: 'set' as const, value })),
  fc.integer({ min: -1e6, max: 1e6 }).map((delta) => ({ mode: 'add' as const, delta })),
)

function draftOf(base: DraftBase, changes: TokenChanges, quota: QuotaIntent | null): Draft {
  return {
    id: 'd1',
    profileId: 'p1',
    kind: 'update',
    tokenId: TOKEN,
    base,
    changes,
    quota,
    wantStatus: null,
    state: 'pending',
    seq: 0,
    createdAt: 0,
    updatedAt: 0,
    attempts: 0,
    lastError: null,
    conflict: null,
    inFlight: null,
    retryAt: null,
  }
}

/** Consumes `quota` on the token as soon as the sandbox has answered the sync's read (inside the window). */
function usageInWindow(quota: number): { stop: () => boolean } {
  const { control } = fixture.sandbox
  let used = false
  const poll = setInterval(() => {
    if (!used && control.requests().some((r) => r.method === 'GET')) {
      used = true
      clearInterval(poll)
      control.consume(TOKEN, quota)
    }
  }, 0)
  return {
    /** Ends the watch; whether the usage landed. */
    stop: () => {
      clearInterval(poll)
      return used
    },
  }
}

describe('syncing a draft against the sandbox (property)', () => {
  it('changes only what the user touched, lands quota intents exactly and measures the refund', async () => {
    const { control } = fixture.sandbox
    await fc.assert(
      fc.asyncProperty(
        start,
        fields,
        fields,
        intent,
        fc.integer({ min: 0, max: 50_000 }),
        fc.integer({ min: 1, max: 50_000 }),
        async (initial, mineRaw, theirRaw, quota, before, during) => {
          control.patchToken(TOKEN, { ...initial, status: 1, remain_quota: 1e9, used_quota: 0 })
          const seen = control.token(TOKEN)!
          const base = {
            id: TOKEN,
            status: 1,
            remain_quota: 1e9,
            cross_group_retry: false,
            auto_groups: '',
            ...(initial as Omit<
              DraftBase,
              'id' | 'status' | 'remain_quota' | 'cross_group_retry' | 'auto_groups'
            >),
          }
          // Someone else's edit and usage before the sync reads the token.
          control.patchToken(TOKEN, theirRaw)
          control.consume(TOKEN, before)
          const theirs = control.token(TOKEN)!
          control.clearRequests()
          const window = usageInWindow(during)
          const mine = mineRaw as TokenChanges
          const result = await syncDraft(draftOf(base, mine, quota), {
            client: fixture.client,
            now: Date.now,
            rules: () => ({
              nowSeconds: Math.floor(Date.now() / 1000),
              maxQuota: 1e9 * 500_000,
              maxNameBytes: 50,
            }),
            saveInFlight: async () => undefined,
            saveUpdateDone: async () => undefined,
            saveCreated: async () => undefined,
          })
          const used = window.stop() ? during : 0
          const stored = control.token(TOKEN)!
          const put = control.requests().find((r) => r.method === 'PUT')
          for (const field of FREE_FIELDS) {
            const touched = mine[field] !== undefined && !sameFieldValue(field, mine[field], base[field])
            if (!touched || result.kind !== 'synced')
              expect(sameFieldValue(field, stored[field], theirs[field]), field).toBe(true)
            else expect(sameFieldValue(field, stored[field], mine[field]), field).toBe(true)
          }
          // Fork columns ride along untouched.
          expect(stored.selected_groups).toEqual(seen.selected_groups)
          if (result.kind !== 'synced' || !put) {
            // Nothing written: only the usage moved the quota.
            expect(stored.remain_quota).toBe(theirs.remain_quota - used)
            return
          }
          const sent = (put.body as { remain_quota: number }).remain_quota
          if (quota?.mode === 'set') expect(sent).toBe(quota.value)
          else if (quota?.mode === 'add') expect(sent).toBe(theirs.remain_quota + quota.delta)
          else expect(sent).toBe(theirs.remain_quota)
          // The window's usage is the only refund, and the record measures it exactly.
          expect(stored.remain_quota).toBe(sent)
          expect(result.record.refund).toBe(used)
        },
      ),
      { numRuns: 40 },
    )
  }, 60_000)
})
