import { afterEach, describe, expect, it } from 'vitest'
import { SANDBOX_MODES } from '../../src/sandbox/index'
import {
  newTokenFields,
  pairedUpdate,
  requestLines,
  startDetectedGateway,
  startGateway,
  type GatewayFixture,
} from './gateway-fixture'

// The gateway client against the sandbox playing each server generation (docs/newapi-behaviour.md §5):
// every call a token manager needs, with features as remembered for a saved profile.

let fixture: GatewayFixture | undefined
afterEach(async () => {
  await fixture?.close()
  fixture = undefined
})

const ALL_MODELS = [
  'claude-3-5-haiku',
  'claude-3-5-sonnet',
  'gpt-4o',
  'gpt-4o-mini',
  'o3-mini',
  'text-embedding-3-small',
]

describe.each(SANDBOX_MODES)('gateway client against a %s server', (mode) => {
  it('reads status and the account', async () => {
    fixture = await startDetectedGateway({ mode, quotaPerUnit: 250_000 })
    const status = await fixture.client.status()
    expect(status.quotaPerUnit).toBe(250_000)
    expect(status.version).toContain(mode)
    expect((await fixture.client.userSelf()).id).toBe(fixture.sandbox.userId)
  })

  it('lists the models the user may use, sorted, per group too', async () => {
    fixture = await startDetectedGateway({ mode })
    // The sandbox rotates its answer on every call: sorting makes two reads agree.
    expect(await fixture.client.userModels()).toEqual(ALL_MODELS)
    expect(await fixture.client.userModels()).toEqual(ALL_MODELS)
    expect(await fixture.client.userModels('vip')).toEqual([
      'claude-3-5-sonnet',
      'gpt-4o',
      'gpt-4o-mini',
      'o3-mini',
    ])
    expect(await fixture.client.userModels('svip')).toEqual([])
    expect(requestLines(fixture.sandbox)).toContain('GET /api/user/models?group=vip')
  })

  it('lists the selectable groups with ratio and description, auto last, in a stable order', async () => {
    fixture = await startDetectedGateway({ mode })
    const expected = [
      { name: 'default', ratio: 1, description: '默认分组' },
      { name: 'vip', ratio: 0.8, description: 'VIP 分组' },
      { name: 'auto', ratio: 'auto', description: '自动选择可用分组，按顺序回退' },
    ]
    expect(await fixture.client.userGroups()).toEqual(expected)
    expect(await fixture.client.userGroups()).toEqual(expected)
  })

  it('reads the Auto order and limit where the server has it', async () => {
    fixture = await startGateway({ mode }) // unknown features: the route itself must be probed
    const expected = mode === 'current' ? { groups: ['vip', 'default'], maxCount: 5 } : null
    expect(await fixture.client.autoGroups()).toEqual(expected)
  })

  it('lists every token across pages, newest first, each once', async () => {
    fixture = await startDetectedGateway({ mode, seedTokens: 130, fork: 'anyapi' })
    const tokens = await fixture.client.listTokens()
    const stored = fixture.sandbox.control.tokens()
    expect(tokens.map((t) => t.id)).toEqual(stored.map((t) => t.id).reverse())
    const pages = requestLines(fixture.sandbox)
    expect(pages).toEqual(
      mode === 'legacy'
        ? ['GET /api/token/?p=0&size=100', 'GET /api/token/?p=1&size=100']
        : ['GET /api/token/?p=0&size=100', 'GET /api/token/?p=2&size=100'],
    )
    // A fork's columns and nulls survive parsing.
    const fork = tokens.find((t) => t.name === 'dev-key-02')!
    expect(fork.selected_groups).toEqual(['vip', 'default'])
    if (mode === 'current') expect(tokens.find((t) => t.name === 'dev-key-01')!.auto_groups).toBeNull()
  })

  it('lists with unknown features by asking p=0 first and following the answer shape', async () => {
    fixture = await startGateway({ mode, seedTokens: 130 })
    expect(await fixture.client.listTokens()).toHaveLength(130)
    expect(requestLines(fixture.sandbox)[1]).toBe(
      mode === 'legacy' ? 'GET /api/token/?p=1&size=100' : 'GET /api/token/?p=2&size=100',
    )
  })

  it('finds tokens whose name or key contains the terms, on the server', async () => {
    fixture = await startDetectedGateway({ mode, rateLimits: { search: false } })
    const byName = await fixture.client.searchTokens({ keyword: 'KEY-0' })
    expect(byName.answeredBy).toBe('server')
    expect(byName.tokens.map((t) => t.id)).toEqual([103, 102])
    const key = fixture.sandbox.control.token(107)!.key
    const byKey = await fixture.client.searchTokens({ key: `sk-${key.slice(10, 30)}` })
    expect(byKey).toMatchObject({ answeredBy: 'server' })
    expect(byKey.tokens.map((t) => t.id)).toEqual([107])
    const searches = fixture.sent.filter((r) => r.path === '/api/token/search')
    expect(searches).toHaveLength(2)
    expect(searches.every((r) => r.bucket === 'search')).toBe(true)
    expect(searches[0]!.query!.keyword).toBe(mode === 'legacy' ? 'KEY-0' : '%KEY-0%')
  })

  it('gets one token, and reports a missing one as not-found', async () => {
    fixture = await startDetectedGateway({ mode })
    expect((await fixture.client.getToken(102)).name).toBe('dev-key-01')
    await expect(fixture.client.getToken(999_999)).rejects.toMatchObject({ code: 'not-found' })
  })

  it('creates a token and finds its id, also after a "crash" and among look-alikes', async () => {
    fixture = await startDetectedGateway({ mode })
    const fields = { ...newTokenFields('created-by-test'), allow_ips: ' 10.0.0.1 ' }
    const first = await fixture.client.createToken(fields)
    const highest = Math.max(...fixture.sandbox.control.tokens().map((t) => t.id))
    expect(first.marker.afterId).toBe(112)
    expect(first.token?.id).toBe(highest)
    expect(fixture.sandbox.control.token(highest)).toMatchObject({
      name: 'created-by-test',
      remain_quota: 1_500_000,
    })
    // A second create with the same fields notes its own marker, so it finds its own (newer) token. Its
    // marker is the newest id the first one's look-up saw a moment ago: no listing before its POST.
    fixture.sandbox.control.clearRequests()
    const second = await fixture.client.createToken(fields)
    expect(second.marker.afterId).toBe(highest)
    expect(second.token?.id).toBe(highest + 1)
    expect(fixture.sandbox.control.requests().map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual([
      'POST /api/token/',
      'GET /api/token/',
    ])
    expect(await fixture.client.findCreatedToken(second.marker)).toMatchObject({ id: highest + 1 })
    // A create that never reached the server is not "found".
    const unsent = await fixture.client.prepareCreate(newTokenFields('never-sent'))
    expect(unsent.requests).toBe(0)
    expect(await fixture.client.findCreatedToken(unsent.marker)).toBeNull()
    // After a delete the newest id may be given again: the next create lists before it sends.
    await fixture.client.deleteToken(highest + 1)
    const afterDelete = await fixture.client.prepareCreate(newTokenFields('after-delete'))
    expect(afterDelete).toMatchObject({ requests: 1, marker: { afterId: highest } })
  })

  it('updates a token fully, and refuses a body that would zero omitted fields', async () => {
    fixture = await startDetectedGateway({ mode, fork: 'anyapi' })
    const updated = await pairedUpdate(fixture.client, 103, { name: 'renamed' })
    expect(updated.name).toBe('renamed')
    expect(fixture.sandbox.control.token(103)).toMatchObject({
      name: 'renamed',
      selected_groups: ['vip', 'default'],
    })
    fixture.sandbox.control.clearRequests()
    await expect(
      pairedUpdate(fixture.client, 103, {}, null, () => ({ id: 103, name: 'only a name' })),
    ).rejects.toMatchObject({ code: 'internal' })
    // The read went out; the PUT did not.
    expect(requestLines(fixture.sandbox)).toEqual(['GET /api/token/103'])
  })

  it('edits a token whose Auto order names a group the user lost, and keeps that order', async () => {
    fixture = await startDetectedGateway({ mode })
    // The admin took 'svip' away after the order was saved: sending the order back would be refused.
    // Only current servers have the column.
    const order = mode === 'current' ? { auto_groups: ['svip', 'vip'] } : {}
    fixture.sandbox.control.patchToken(109, order)
    const updated = await pairedUpdate(fixture.client, 109, { name: 'auto-renamed' })
    expect(updated.name).toBe('auto-renamed')
    expect(fixture.sandbox.control.token(109)).toMatchObject({
      name: 'auto-renamed',
      group: 'auto',
      ...order,
      // cross_group_retry exists since 2025-12-12; the legacy generation has no such column.
      ...(mode === 'legacy' ? {} : { cross_group_retry: true }),
    })
  })

  it('changes only the status, in one request, and only to enabled or disabled', async () => {
    fixture = await startDetectedGateway({ mode })
    const seen = await fixture.client.getToken(102) // the token as last seen, hours ago perhaps
    fixture.sandbox.control.consume(102, 1000) // usage after the client's read must not be refunded
    fixture.sandbox.control.clearRequests()
    const disabled = await fixture.client.updateTokenStatus(seen, 2)
    expect(disabled.status).toBe(2)
    fixture.sandbox.control.consume(102, 5000)
    await fixture.client.updateTokenStatus(seen, 1)
    const stored = fixture.sandbox.control.token(102)!
    expect(stored.status).toBe(1)
    expect(stored.remain_quota).toBe(250_000_000_000 - 6000)
    const puts = requestLines(fixture.sandbox).filter((line) => line.startsWith('PUT'))
    expect(puts).toEqual(['PUT /api/token/?status_only=true', 'PUT /api/token/?status_only=true'])
    fixture.sandbox.control.clearRequests()
    for (const status of [0, 3, 4, 1.5]) {
      await expect(fixture.client.updateTokenStatus(seen, status as 1)).rejects.toMatchObject({
        code: 'validation',
      })
    }
    expect(fixture.sandbox.control.requests()).toHaveLength(0)
  })

  it('deletes one token and many (falling back to single deletes where there is no batch route)', async () => {
    fixture = await startDetectedGateway({ mode })
    await fixture.client.deleteToken(112)
    expect(fixture.sandbox.control.token(112)).toBeUndefined()
    fixture.sandbox.control.clearRequests()
    expect(await fixture.client.deleteTokens([101, 102, 102, 999_999])).toBe(2)
    expect(fixture.sandbox.control.tokens().map((t) => t.id)).not.toContain(101)
    expect(fixture.sandbox.control.tokens().map((t) => t.id)).not.toContain(102)
    expect(requestLines(fixture.sandbox)).toEqual(
      mode === 'legacy'
        ? ['DELETE /api/token/101', 'DELETE /api/token/102', 'DELETE /api/token/999999']
        : ['POST /api/token/batch'],
    )
  })

  it('reveals one key and many, sk- prefixed, through the critical bucket', async () => {
    fixture = await startDetectedGateway({ mode })
    const keyOf = (id: number) => `sk-${fixture!.sandbox.control.token(id)!.key}`
    expect(await fixture.client.revealKey(105)).toBe(keyOf(105))
    const keys = await fixture.client.revealKeys([101, 102, 999_999])
    expect([...keys.entries()].sort()).toEqual([
      [101, keyOf(101)],
      [102, keyOf(102)],
    ])
    const reveals = fixture.sent.filter((r) => r.method === 'POST')
    if (mode === 'legacy') {
      // No reveal routes, but keys come unmasked in the list.
      expect(reveals).toEqual([])
    } else {
      expect(reveals.map((r) => r.path)).toEqual(['/api/token/105/key', '/api/token/batch/keys'])
      expect(reveals.every((r) => r.bucket === 'critical')).toBe(true)
    }
    await expect(fixture.client.revealKey(999_999)).rejects.toMatchObject({ code: 'not-found' })
  })
})
