import fc from 'fast-check'
import { bulkChangeSchema, type BulkChange, type BulkChangeInput } from '../../src/shared/domain/bulk-change'
import type { DraftBase } from '../../src/shared/domain/draft'
import { DEFAULT_SERVER_FACTS } from '../../src/shared/domain/server-facts'

// Tokens and bulk changes for the bulk tests: examples, and random ones for the property tests.

export const NOW = 1_800_000_000
export const FACTS = DEFAULT_SERVER_FACTS
export const CTX = { nowSeconds: NOW, facts: FACTS, position: 1 }
export const DAY = 86_400

export function token(fields: Partial<DraftBase> = {}): DraftBase {
  return {
    id: 7,
    status: 1,
    name: 'prod',
    remain_quota: 1_000_000,
    expired_time: -1,
    unlimited_quota: false,
    model_limits_enabled: false,
    model_limits: '',
    allow_ips: '',
    group: '',
    cross_group_retry: false,
    auto_groups: '',
    ...fields,
  }
}

/** A parsed change; throws on a change the schema refuses (a test's own mistake). */
export const change = (input: BulkChangeInput): BulkChange => bulkChangeSchema.parse(input)
export const edit = (ops: Omit<Extract<BulkChangeInput, { kind: 'edit' }>, 'kind'>): BulkChange =>
  change({ kind: 'edit', ...ops })

const names = ['alpha', 'beta', '客户A', 'ci-runner-2', 'x'.repeat(48), '令牌'.repeat(8)]
const modelLists = ['', 'gpt-4o', 'gpt-4o,claude-3', 'claude-3,o1', 'o1']
const ipLists = ['', '10.0.0.1', '10.0.0.0/8\n1.2.3.4', '2001:db8::1', '1.2.3.4']
const groups = ['', 'default', 'vip', 'auto']

/**
 * A token any rule would accept as it is (future or no expiry, a name within the limit, a limited
 * quota not below zero, a model restriction with models): every before-value can be written back.
 */
export const validToken: fc.Arbitrary<DraftBase> = fc
  .record({
    id: fc.integer({ min: 1, max: 1_000_000 }),
    status: fc.constantFrom(1, 2, 3, 4),
    name: fc.constantFrom(...names),
    unlimited_quota: fc.boolean(),
    remain_quota: fc.integer({ min: 0, max: 1e9 }),
    expired_time: fc.constantFrom(-1, NOW + 3_600, NOW + 40 * DAY),
    model_limits_enabled: fc.boolean(),
    model_limits: fc.constantFrom(...modelLists),
    allow_ips: fc.constantFrom(...ipLists),
    group: fc.constantFrom(...groups),
    cross_group_retry: fc.boolean(),
    auto_groups: fc.constant(''),
  })
  .map((t) => (t.model_limits_enabled && t.model_limits === '' ? { ...t, model_limits: 'gpt-4o' } : t))

/** Any token a server may hold: also expired, below zero, over the name limit, blocking every model. */
export const anyToken: fc.Arbitrary<DraftBase> = fc.record({
  id: fc.integer({ min: 1, max: 1_000_000 }),
  status: fc.constantFrom(1, 2, 3, 4),
  name: fc.constantFrom(...names, 'y'.repeat(60), ''),
  unlimited_quota: fc.boolean(),
  remain_quota: fc.integer({ min: -1e6, max: 1e9 }),
  expired_time: fc.constantFrom(-1, 0, NOW - DAY, NOW, NOW + 3_600, NOW + 40 * DAY),
  model_limits_enabled: fc.boolean(),
  model_limits: fc.constantFrom(...modelLists),
  allow_ips: fc.constantFrom(...ipLists),
  group: fc.constantFrom(...groups),
  cross_group_retry: fc.boolean(),
  auto_groups: fc.constant(''),
})

const duration = fc.record({
  count: fc.integer({ min: 1, max: 400 }),
  unit: fc.constantFrom('hour' as const, 'day' as const, 'week' as const, 'month' as const, 'year' as const),
})

/** Each operation with values that may be no-ops or break a rule (a past expiry, a too-long name). */
const ops = {
  rename: fc.oneof(
    fc.record({ mode: fc.constant('prefix' as const), text: fc.constantFrom('new-', 'x'.repeat(30), ' ') }),
    fc.record({ mode: fc.constant('suffix' as const), text: fc.constantFrom('-old', '-{n}', '2') }),
    fc.record({
      mode: fc.constant('replace' as const),
      find: fc.constantFrom('a', 'alpha', '令', 'zzz'),
      replace: fc.constantFrom('', 'b', '$&'),
    }),
    fc.record({
      mode: fc.constant('template' as const),
      template: fc.constantFrom('{name}', 'bot-{n}', '{id}-{name}', 'team {n} of {id}', '{name}{name}{name}'),
    }),
  ),
  quota: fc.oneof(
    fc.record({ mode: fc.constant('set' as const), value: fc.integer({ min: 0, max: 2e9 }) }),
    fc.record({ mode: fc.constant('add' as const), delta: fc.integer({ min: -2e9, max: 2e9 }) }),
  ),
  unlimited: fc.boolean(),
  expiry: fc.oneof(
    fc.record({ mode: fc.constant('set' as const), at: fc.constantFrom(NOW - 60, NOW + 60, NOW + 90 * DAY) }),
    fc.record({
      mode: fc.constant('extend' as const),
      by: duration,
      from: fc.constantFrom('current' as const, 'now' as const),
    }),
    fc.record({ mode: fc.constant('never' as const) }),
  ),
  models: fc.record({
    mode: fc.constantFrom('add' as const, 'remove' as const, 'replace' as const),
    list: fc.constantFrom('gpt-4o', 'o1,claude-3', 'gemini'),
  }),
  modelLimits: fc.boolean(),
  ips: fc.record({
    mode: fc.constantFrom('add' as const, 'remove' as const, 'replace' as const),
    list: fc.constantFrom('10.0.0.1', '2001:DB8:0::1', '1.2.3.4\n192.168.0.0/16'),
  }),
  group: fc.constantFrom('', 'vip', 'default', 'auto'),
  status: fc.constantFrom('enable' as const, 'disable' as const),
}

/** A bulk edit with a random, non-empty set of ticked operations. */
export const anyEdit: fc.Arbitrary<BulkChange> = fc
  .record(ops, { requiredKeys: [] })
  .filter((picked) => Object.keys(picked).length > 0)
  .map((picked) => change({ kind: 'edit', ...picked }))
