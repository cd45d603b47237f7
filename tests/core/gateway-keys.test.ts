import { afterEach, describe, expect, it } from 'vitest'
import { MAX_KEYS_PER_BATCH } from '../../src/main/core/gateway/key-reveal'
import { startDetectedGateway, type GatewayFixture } from './gateway-fixture'

// Plaintext keys in batches of at most 100 (POST /api/token/batch/keys, critical rate limit).

let fixture: GatewayFixture | undefined
afterEach(async () => {
  await fixture?.close()
  fixture = undefined
})

describe('batch key reveal', () => {
  it('reveals 250 keys in 3 calls of at most 100 ids', async () => {
    fixture = await startDetectedGateway({ seedTokens: 250 })
    const stored = fixture.sandbox.control.tokens()
    const keys = await fixture.client.revealKeys(stored.map((t) => t.id))
    expect(keys.size).toBe(250)
    for (const row of stored) expect(keys.get(row.id)).toBe(`sk-${row.key}`)
    const calls = fixture.sandbox.control.requests()
    expect(calls.map((r) => `${r.method} ${r.path}`)).toEqual(Array(3).fill('POST /api/token/batch/keys'))
    expect(calls.map((r) => (r.body as { ids: number[] }).ids.length)).toEqual([100, 100, 50])
    expect(new Set(calls.flatMap((r) => (r.body as { ids: number[] }).ids)).size).toBe(250)
    expect(fixture.sent.every((r) => r.bucket === 'critical')).toBe(true)
    expect(MAX_KEYS_PER_BATCH).toBe(100)
  })

  it('takes 250 keys from the list of a server that sends them unmasked', async () => {
    fixture = await startDetectedGateway({ mode: 'legacy', seedTokens: 250 })
    const stored = fixture.sandbox.control.tokens()
    const keys = await fixture.client.revealKeys(stored.map((t) => t.id))
    expect(keys.size).toBe(250)
    expect(keys.get(stored[0]!.id)).toBe(`sk-${stored[0]!.key}`)
    expect(fixture.sandbox.control.requests().every((r) => r.method === 'GET')).toBe(true)
  })
})
