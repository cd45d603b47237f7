import { afterEach, describe, expect, it } from 'vitest'
import { requestLines, startDetectedGateway, type GatewayFixture } from './gateway-fixture'

// Substring search: on the server when its `%` rules and its search budget allow, otherwise locally
// over the loaded (or freshly listed) tokens; the result says which.

let fixture: GatewayFixture | undefined
afterEach(async () => {
  await fixture?.close()
  fixture = undefined
})

const ids = (result: { tokens: { id: number }[] }) => result.tokens.map((t) => t.id)
const searches = (f: GatewayFixture) =>
  requestLines(f.sandbox).filter((l) => l.startsWith('GET /api/token/search'))

describe('token search', () => {
  it('answers locally once the search budget is spent, with the same matches', async () => {
    fixture = await startDetectedGateway({ rateLimits: { search: { requests: 2, windowSeconds: 60 } } })
    const first = await fixture.client.searchTokens({ keyword: 'dev-key' })
    expect(first).toMatchObject({ answeredBy: 'server' })
    expect(ids(first)).toEqual([103, 102])
    await fixture.client.searchTokens({ keyword: 'only' })
    fixture.sandbox.control.clearRequests()

    const limited = await fixture.client.searchTokens({ keyword: 'dev-key' })
    expect(limited).toMatchObject({ answeredBy: 'local', reason: 'rate-limited' })
    expect(ids(limited)).toEqual([103, 102])
    // The 429 was real, and the fallback listed the tokens since none were loaded.
    expect(fixture.sandbox.control.requests().map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual([
      'GET /api/token/search',
      'GET /api/token/',
    ])

    const loaded = await fixture.client.listTokens()
    fixture.sandbox.control.clearRequests()
    const fromLoaded = await fixture.client.searchTokens({ keyword: 'ONLY' }, { loaded })
    expect(fromLoaded).toMatchObject({ answeredBy: 'local', reason: 'rate-limited' })
    expect(ids(fromLoaded)).toEqual([112])
    // The 429's Retry-After pauses the search lane: nothing is sent until it has passed.
    expect(requestLines(fixture.sandbox)).toHaveLength(0)
  })

  it.each([
    ['a single ASCII character', { keyword: 'a' }],
    ['a term with its own %', { keyword: '50%' }],
    ['a one-character key fragment', { key: 'sk-x' }],
  ])('does not ask the server for %s (its rules forbid it)', async (_label, terms) => {
    fixture = await startDetectedGateway({ rateLimits: { search: false } })
    const loaded = await fixture.client.listTokens()
    const result = await fixture.client.searchTokens(terms, { loaded })
    expect(result).toMatchObject({ answeredBy: 'local', reason: 'pattern-rules' })
    expect(searches(fixture)).toEqual([])
    if ('keyword' in terms && terms.keyword === 'a') {
      const expected = loaded.filter((t) => t.name.toLowerCase().includes('a')).map((t) => t.id)
      expect(expected.length).toBeGreaterThan(1)
      expect(ids(result)).toEqual(expected)
    }
  })

  it('asks the server for one CJK character (3 bytes pass the 2-byte rule)', async () => {
    fixture = await startDetectedGateway({ rateLimits: { search: false } })
    const result = await fixture.client.searchTokens({ keyword: '测' })
    expect(result).toMatchObject({ answeredBy: 'server' })
    expect(ids(result)).toEqual([111, 104]) // 测试-已过期 and 长名称令牌用于测试…
  })

  it('answers locally for users above the token cap, and when the server refuses the pattern', async () => {
    fixture = await startDetectedGateway({ rateLimits: { search: false }, maxUserTokens: 5 })
    const loaded = await fixture.client.listTokens()
    const capped = await fixture.client.searchTokens({ keyword: 'dev' }, { tokenCount: 1001 })
    expect(capped).toMatchObject({ answeredBy: 'local', reason: 'too-many-tokens' })
    expect(searches(fixture)).toEqual([])
    // This server's cap is 5 and the user holds 12: it refuses every `%`, and the client copes.
    const refused = await fixture.client.searchTokens({ keyword: 'dev' }, { loaded })
    expect(searches(fixture)).toHaveLength(1)
    expect(refused).toMatchObject({ answeredBy: 'local', reason: 'pattern-rules' })
    expect(ids(refused)).toEqual([103, 102])
  })

  it('sends terms as typed to an old server and drops its `_` wildcard matches', async () => {
    fixture = await startDetectedGateway({ mode: 'legacy' })
    const result = await fixture.client.searchTokens({ keyword: 'dev_key' })
    expect(result).toMatchObject({ answeredBy: 'server', tokens: [] })
    expect(searches(fixture)).toEqual(['GET /api/token/search?keyword=dev_key&token=&p=1&page_size=100'])
    const single = await fixture.client.searchTokens({ keyword: 'a' }) // no % rules on old servers
    expect(single.answeredBy).toBe('server')
    expect(single.tokens.length).toBeGreaterThan(1)
  })
})
