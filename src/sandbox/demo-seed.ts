import type { SeedTemplate } from './seed-template'

// The rows of the in-app demo server (`seed: 'demo'`): what a reseller's real list looks like, so a
// newcomer sees every feature on data that reads true — customers and apps rather than test edge
// cases, yet every state the table shows (unlimited, limited, about to expire, expired, exhausted,
// disabled), every group the sandbox user may pick (group-catalog.ts: default, vip, auto), model and IP
// whitelists, and the AnyAPI fork's columns where a reseller would set them. The busiest rows come
// first and carry the most usage, so a demo that runs usage on them looks alive.

const DAY = 86_400

export function demoTemplates(now: number): SeedTemplate[] {
  return [
    { name: '生产-主账号', unlimited_quota: true, used_quota: 1_843_220_000, group: 'default' },
    {
      name: 'web-app-prod',
      remain_quota: 180_000_000,
      used_quota: 92_400_000,
      group: 'vip',
      model_limits_enabled: true,
      model_limits: 'gpt-4o,claude-3-5-sonnet,gpt-4o-mini',
      fork: { selected_groups: ['vip'] },
    },
    {
      name: 'mobile-app',
      remain_quota: 60_000_000,
      used_quota: 14_250_000,
      expired_time: now + 90 * DAY,
      group: 'default',
    },
    {
      name: '客户A-代理',
      remain_quota: 250_000_000_000,
      used_quota: 3_120_000,
      group: 'vip',
      fork: { selected_groups: ['vip'], mj_image_mode: 'fast' },
    },
    {
      name: '客户B-转售',
      remain_quota: 40_000_000,
      used_quota: 9_800_000,
      expired_time: now + 14 * DAY,
      group: 'vip,default',
      fork: { selected_groups: ['vip', 'default'], mj_custom_proxy: 'https://mj-proxy.example.com' },
    },
    {
      name: 'auto-fallback',
      unlimited_quota: true,
      used_quota: 640_000,
      group: 'auto',
      cross_group_retry: true,
    },
    {
      name: 'staging',
      remain_quota: 20_000_000,
      used_quota: 1_100_000,
      expired_time: now + 7 * DAY,
      allow_ips: '10.0.0.0/8',
    },
    {
      name: 'ci-runner',
      remain_quota: 5_000_000,
      expired_time: now + 3600,
      model_limits_enabled: true,
      model_limits: 'gpt-4o-mini',
    },
    {
      name: 'embeddings-indexer',
      remain_quota: 15_000_000,
      used_quota: 4_480_000,
      model_limits_enabled: true,
      model_limits: 'text-embedding-3-small',
      group: 'default',
    },
    {
      name: 'research-o3',
      remain_quota: 25_000_000,
      used_quota: 2_000_000,
      group: 'vip',
      model_limits_enabled: true,
      model_limits: 'o3-mini',
      fork: { selected_groups: ['vip'] },
    },
    {
      name: 'midjourney-bot',
      remain_quota: 30_000_000,
      used_quota: 6_700_000,
      fork: { mj_image_mode: 'relax', mj_custom_proxy: 'http://127.0.0.1:7890' },
    },
    {
      name: 'office-ip-only',
      remain_quota: 8_000_000,
      allow_ips: '203.0.113.0/24\n2001:db8::/32',
      group: 'default',
    },
    // The stored status still says enabled: servers only notice expiry when the key is used.
    { name: '测试-已过期', remain_quota: 1_000_000, used_quota: 250_000, expired_time: now - 3 * DAY },
    // A server without Redis wrote the discovered status back (3 = expired).
    {
      name: 'free-trial',
      status: 3,
      remain_quota: 400_000,
      used_quota: 100_000,
      expired_time: now - 40 * DAY,
    },
    { name: 'analytics-batch', status: 4, remain_quota: 0, used_quota: 25_000_000 },
    { name: 'nearly-empty', remain_quota: 12_000, used_quota: 4_988_000 },
    { name: 'disabled-legacy', status: 2, unlimited_quota: true, used_quota: 90_000 },
    { name: '离职员工-张三', status: 2, remain_quota: 8_000_000, used_quota: 1_200_000, group: 'default' },
    {
      name: 'support-bot',
      remain_quota: 75_000_000,
      used_quota: 3_200_000,
      expired_time: now + 180 * DAY,
      group: 'default',
    },
    { name: 'partner-sandbox', remain_quota: 2_500_000, group: 'vip', fork: { selected_groups: ['vip'] } },
  ]
}
