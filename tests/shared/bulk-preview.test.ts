import { describe, expect, it } from 'vitest'
import { estimateSeconds, leastSeconds } from '../../src/shared/domain/bulk-estimate'
import { previewBulkChange, type BulkPreviewOptions } from '../../src/shared/domain/bulk-preview'
import { CTX, DAY, NOW, change, edit, token } from './bulk-fixtures'

// The preview before anything is sent: per token what changes and what to know, and what it costs.

const PACE = { requests: 360, windowSeconds: 180 }
const options: BulkPreviewOptions = { nowSeconds: NOW, facts: CTX.facts, pace: PACE }
const keysOf = (warnings: { key: string }[]) => warnings.map((w) => w.key)

describe('bulk preview', () => {
  it('lists every token with its state, before → after, and the requests it takes', () => {
    const tokens = [
      token({ id: 1, name: 'a', status: 1 }),
      token({ id: 2, name: 'b', status: 2 }),
      token({ id: 3, name: 'c', status: 2, remain_quota: 10 }),
    ]
    const preview = previewBulkChange(
      tokens,
      edit({ status: 'disable', quota: { mode: 'add', delta: -20 } }),
      options,
    )
    expect(preview.rows.map((r) => [r.tokenId, r.position, r.state, r.requests])).toEqual([
      [1, 1, 'change', 3], // read + PUT, then the status call
      [2, 2, 'change', 2], // already disabled: read + PUT only
      [3, 3, 'invalid', 0], // 10 − 20 is below zero
    ])
    expect(preview.rows[0]?.diff).toEqual([
      { field: 'remain_quota', before: 1_000_000, after: 999_980 },
      { field: 'status', before: 1, after: 2 },
    ])
    expect(preview.rows[2]?.errors.map((e) => e.key)).toEqual(['quota.negative'])
    expect(preview.counts).toEqual({ change: 2, delete: 0, unchanged: 0, invalid: 1, warned: 0 })
    expect(preview.requests).toBe(5)
  })

  it('counts tokens that need no request', () => {
    const tokens = [token({ id: 1, group: 'vip' }), token({ id: 2, group: '' })]
    const preview = previewBulkChange(tokens, edit({ group: 'vip' }), options)
    expect(preview.rows.map((r) => r.state)).toEqual(['unchanged', 'change'])
    expect(preview.counts.unchanged).toBe(1)
    expect(preview.requests).toBe(2)
  })

  it('estimates the time at the server pace: a burst of the whole allowance, then one window per allowance', () => {
    const tokens = Array.from({ length: 200 }, (_, i) => token({ id: i + 1, group: 'default' }))
    const preview = previewBulkChange(tokens, edit({ group: 'vip' }), options)
    // 400 requests at 360 per 180 s: 360 at once, the other 40 after one window.
    expect(preview.requests).toBe(400)
    expect(preview.estimatedSeconds).toBe(180)
    const deletes = previewBulkChange(tokens, change({ kind: 'delete' }), options)
    expect([deletes.requests, deletes.estimatedSeconds, deletes.counts.delete]).toEqual([200, 0, 200])
  })

  it('takes the costs of a job that reads list pages instead of each token', () => {
    const tokens = Array.from({ length: 200 }, (_, i) => token({ id: i + 1, group: 'default' }))
    const costs = { read: 1 / 100, write: 1, status: 1, delete: 1 }
    expect(previewBulkChange(tokens, edit({ group: 'vip' }), { ...options, costs }).requests).toBe(202)
  })

  it('adds the round trip when known, which is what a small selection waits for', () => {
    expect(leastSeconds(0, PACE)).toBe(0)
    expect(leastSeconds(361, PACE)).toBe(180)
    expect(estimateSeconds(40, PACE, { seconds: 0.1, inFlight: 4 })).toBeCloseTo(1)
    expect(estimateSeconds(721, PACE, { seconds: 0.1, inFlight: 4 })).toBeCloseTo(360.1)
  })

  it('warns about enabling a token that stays expired or exhausted', () => {
    const tokens = [
      token({ id: 1, status: 2, expired_time: NOW - DAY }),
      token({ id: 2, status: 3, expired_time: NOW - DAY }),
      token({ id: 3, status: 2, remain_quota: 0 }),
      token({ id: 4, status: 1, expired_time: NOW - DAY }), // stored as enabled: nothing to send, still expired
    ]
    const enable = previewBulkChange(tokens, edit({ status: 'enable' }), options)
    expect(enable.rows.map((r) => keysOf(r.warnings))).toEqual([
      ['bulk.enableExpired'],
      ['bulk.enableExpired'],
      ['bulk.enableExhausted'],
      ['bulk.enableExpired'],
    ])
    // Extended and refilled in the same change: nothing to warn about.
    const revive = edit({
      status: 'enable',
      expiry: { mode: 'extend', by: { count: 30, unit: 'day' }, from: 'current' },
      quota: { mode: 'add', delta: 1_000 },
    })
    expect(previewBulkChange(tokens, revive, options).counts.warned).toBe(0)
  })

  it('warns about a model restriction that blocks everything, and models the group does not offer', () => {
    const catalogue = { groupModels: { vip: ['gpt-4o', 'o1'], default: ['gpt-4o'] } }
    const tokens = [
      token({ id: 1, model_limits_enabled: true, model_limits: '' }),
      token({ id: 2, group: 'vip', model_limits_enabled: true, model_limits: 'o1' }),
    ]
    const preview = previewBulkChange(tokens, edit({ group: 'default' }), { ...options, catalogue })
    expect(preview.rows.map((r) => r.warnings)).toEqual([
      [{ path: 'model_limits', key: 'bulk.modelsBlockAll' }],
      [{ path: 'model_limits', key: 'bulk.modelsUnknown', params: { models: ['o1'], group: 'default' } }],
    ])
    // Without a catalogue the models cannot be judged: no warning rather than a guess.
    expect(
      keysOf(previewBulkChange(tokens, edit({ group: 'default' }), options).rows[1]?.warnings ?? []),
    ).toEqual([])
  })

  it('warns about a group the server does not offer', () => {
    const catalogue = { groups: ['default', 'vip'] }
    const preview = previewBulkChange([token()], edit({ group: 'svip' }), { ...options, catalogue })
    expect(preview.rows[0]?.warnings).toEqual([
      { path: 'group', key: 'bulk.groupUnknown', params: { group: 'svip' } },
    ])
    expect(previewBulkChange([token()], edit({ group: '' }), { ...options, catalogue }).counts.warned).toBe(0)
  })

  it('warns about a kept name over the server limit, which the server refuses in a full update', () => {
    const facts = { ...CTX.facts, maxNameBytes: 30 }
    const tokens = [token({ name: 'n'.repeat(40) })]
    const group = previewBulkChange(tokens, edit({ group: 'vip' }), { ...options, facts })
    expect(group.rows[0]?.warnings).toEqual([
      { path: 'name', key: 'bulk.nameOverLimit', params: { max: 30 } },
    ])
    // A status-only call does not send the name.
    expect(previewBulkChange(tokens, edit({ status: 'disable' }), { ...options, facts }).counts.warned).toBe(
      0,
    )
  })

  it('warns about a whitelist emptied, a shorter expiry, a quota change an unlimited token ignores', () => {
    const t = token({ allow_ips: '10.0.0.1', expired_time: NOW + 90 * DAY, unlimited_quota: true })
    const preview = previewBulkChange(
      [t],
      edit({
        ips: { mode: 'remove', list: '10.0.0.1' },
        expiry: { mode: 'extend', by: { count: 7, unit: 'day' }, from: 'now' },
        quota: { mode: 'add', delta: 5 },
      }),
      options,
    )
    expect(keysOf(preview.rows[0]?.warnings ?? []).sort()).toEqual(
      ['bulk.expiryShortened', 'bulk.ipsOpened', 'bulk.quotaIgnored'].sort(),
    )
  })

  it('warns when a rename gives several tokens the same name', () => {
    const tokens = [
      token({ id: 1, name: 'a-1' }),
      token({ id: 2, name: 'b-1' }),
      token({ id: 3, name: 'c-2' }),
    ]
    const preview = previewBulkChange(
      tokens,
      edit({ rename: { mode: 'template', template: 'key-{n}' } }),
      options,
    )
    expect(preview.counts.warned).toBe(0)
    const same = previewBulkChange(tokens, edit({ rename: { mode: 'template', template: 'team' } }), options)
    expect(same.rows[0]?.warnings).toEqual([
      { path: 'name', key: 'bulk.nameRepeated', params: { name: 'team', count: 3 } },
    ])
  })
})
