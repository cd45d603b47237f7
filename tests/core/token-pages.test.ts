import { afterEach, describe, expect, it } from 'vitest'
import type { ListingProgress } from '../../src/main/core/gateway/token-pages'
import { startDetectedGateway, type GatewayFixture } from './gateway-fixture'

// Reading a whole token list: the first page alone (it tells the style and the total), then every other
// page at once, each token once, newest first — and progress for each page as it arrives.

let fixture: GatewayFixture | undefined
afterEach(async () => {
  await fixture?.close()
  fixture = undefined
})

const listRequests = (f: GatewayFixture) =>
  f.sandbox.control.requests().filter((r) => r.method === 'GET' && r.path.startsWith('/api/token/?'))

describe('listing every token', () => {
  it('asks the first page, then all the others at once, and returns each token once, newest first', async () => {
    fixture = await startDetectedGateway({ seedTokens: 1000, latencyMs: 40, rateLimits: { global: false } })
    // What the client had in flight at each moment: structure, not timing (this machine is noisy).
    const http = fixture.client.http
    const send = http.request.bind(http)
    let inFlight = 0
    let most = 0
    const inFlightAtStart: number[] = []
    http.request = async (options) => {
      inFlightAtStart.push(inFlight)
      inFlight += 1
      most = Math.max(most, inFlight)
      try {
        return await send(options)
      } finally {
        inFlight -= 1
      }
    }
    const progress: ListingProgress[] = []
    const tokens = await fixture.client.listTokens((step) => progress.push(step))
    expect(tokens).toHaveLength(1000)
    expect(new Set(tokens.map((t) => t.id)).size).toBe(1000)
    const ids = tokens.map((t) => t.id)
    expect(ids).toEqual([...ids].sort((a, b) => b - a))

    const requests = listRequests(fixture)
    expect(requests).toHaveLength(10)
    expect(requests[0]!.path).toContain('p=0')
    // The first page went alone; the nine others were asked together once it had answered.
    expect(inFlightAtStart[0]).toBe(0)
    expect(inFlightAtStart[1]).toBe(0)
    expect(most).toBeGreaterThan(1)
    expect(progress.map((step) => step.total)).toEqual(Array(10).fill(1000))
    expect(progress.at(-1)?.loaded).toBe(1000)
    expect(progress.reduce((sum, step) => sum + step.page.length, 0)).toBe(1000)
  })

  it('reads a server without totals (bare arrays) page by page until a short one', async () => {
    fixture = await startDetectedGateway({ mode: 'legacy', seedTokens: 250, rateLimits: { global: false } })
    const tokens = await fixture.client.listTokens()
    expect(tokens).toHaveLength(250)
    expect(listRequests(fixture).map((r) => new URL(r.path, 'http://x').searchParams.get('p'))).toEqual([
      '0',
      '1',
      '2',
    ])
  })
})
