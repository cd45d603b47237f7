import { demoTemplates } from './demo-seed'
import type { SeedTemplate } from './seed-template'
import type { ForkColumns } from './fork-columns'
import { MODE_FEATURES } from './mode-features'
import type { SandboxMode } from './sandbox-mode'
import { randomKey, seededRandom } from './seeded-random'
import type { StoredToken } from './stored-token'

// Deterministic demo/test data covering every case a client must handle: unlimited and limited quota,
// never/future/past expiry, exhausted, disabled, a stored status that lies (expired but still 1), model
// and IP whitelists, comma-separated reseller groups, Auto groups, an empty name, a 50-byte name, and
// — when the sandbox plays a fork — that fork's columns on every row (their defaults unless a template
// says otherwise). Only times are relative to "now"; everything else is identical on every run.
// The in-app demo server seeds a realistic list instead (demo-seed.ts), built into rows the same way.

const DAY = 86_400
const FIRST_ID = 101
const KEY_SEED = 0x70d35c

function testTemplates(now: number): SeedTemplate[] {
  return [
    {
      name: '生产-主账号',
      unlimited_quota: true,
      used_quota: 1_843_220_000,
      group: 'default',
    },
    {
      name: 'dev-key-01',
      remain_quota: 250_000_000_000,
      expired_time: now + 30 * DAY,
      model_limits_enabled: true,
      model_limits: 'gpt-4o,claude-3-5-sonnet',
    },
    {
      name: 'dev-key-02',
      remain_quota: 5_000_000,
      used_quota: 1_250_000,
      allow_ips: '10.0.0.0/8\n192.168.1.7',
      group: 'vip,default',
      fork: { selected_groups: ['vip', 'default'] },
    },
    // The stored status still says enabled: servers only notice expiry when the key is used.
    { name: '测试-已过期', remain_quota: 1_000_000, expired_time: now - 3 * DAY },
    { name: '额度用尽-batch', status: 4, remain_quota: 0, used_quota: 2_500_000 },
    { name: 'disabled-legacy', status: 2, unlimited_quota: true, used_quota: 90_000 },
    // Whitelisting with an empty list blocks every model: the server accepts it anyway.
    { name: 'ci-runner', remain_quota: 50_000_000, expired_time: now + 3600, model_limits_enabled: true },
    {
      name: '客户A-代理',
      remain_quota: 250_000_000_000,
      group: 'vip',
      fork: { selected_groups: ['vip'], mj_image_mode: 'fast' },
    },
    { name: 'auto-fallback', unlimited_quota: true, group: 'auto', cross_group_retry: true },
    { name: '', remain_quota: 500_000 },
    { name: '长名称令牌用于测试五十字节上限-abcd', remain_quota: 12_345_678, expired_time: now + 365 * DAY },
    {
      name: 'openai-only',
      remain_quota: 100_000_000,
      used_quota: 7_654_321,
      model_limits_enabled: true,
      model_limits: 'gpt-4o-mini',
      allow_ips: '203.0.113.5\n2001:db8::/32',
      group: 'default',
    },
  ]
}

/** Beyond the hand-written rows (e.g. to exercise paging), plain limited tokens with varied quota. */
function bulkTemplate(index: number): SeedTemplate {
  const number = String(index + 1).padStart(3, '0')
  return { name: `bulk-${number}`, remain_quota: ((index * 7919) % 100) * 1_000_000 }
}

/** 'test': every edge case a client must handle (the default); 'demo': a realistic list (demo-seed.ts). */
export type SeedSet = 'test' | 'demo'

/** How many hand-written rows each set has (a larger count adds bulk rows). */
export function seedSetSize(set: SeedSet): number {
  return (set === 'demo' ? demoTemplates : testTemplates)(0).length
}

export interface SeedOptions {
  count: number
  set?: SeedSet
  userId: number
  mode: SandboxMode
  forkColumns: ForkColumns
  nowSeconds: number
}

export function seedTokens(options: SeedOptions): StoredToken[] {
  const { count, userId, mode, forkColumns, nowSeconds } = options
  const handWritten = (options.set === 'demo' ? demoTemplates : testTemplates)(nowSeconds)
  const rows: StoredToken[] = []
  for (let i = 0; i < count; i++) {
    // Spread after the defaults, but with `name` placed where Go's struct order puts it.
    const { name, fork, ...template } = handWritten[i] ?? bulkTemplate(i)
    // Older rows get lower ids and earlier creation times, as on a real server.
    const created = nowSeconds - (count - i) * DAY
    const row: StoredToken = {
      id: FIRST_ID + i,
      user_id: userId,
      key: randomKey(seededRandom(KEY_SEED + i)),
      status: 1,
      name,
      created_time: created,
      accessed_time: (template.used_quota ?? 0) > 0 ? created + DAY / 2 : created,
      expired_time: -1,
      remain_quota: 0,
      unlimited_quota: false,
      used_quota: 0,
      model_limits_enabled: false,
      model_limits: '',
      allow_ips: '',
      group: '',
      cross_group_retry: false,
      ...template,
    }
    const features = MODE_FEATURES[mode]
    if (features.autoGroups) row.auto_groups = template.group === 'auto' ? ['vip', 'default'] : null
    if (!features.crossGroupRetry) delete row.cross_group_retry
    for (const [column, { createDefault }] of Object.entries(forkColumns)) {
      row[column] = structuredClone(fork?.[column] ?? createDefault)
    }
    rows.push(row)
  }
  return rows
}
