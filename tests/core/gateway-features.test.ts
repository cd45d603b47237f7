import { afterEach, describe, expect, it } from 'vitest'
import { memoryOnly } from '../../src/main/core/gateway/gateway-client'
import { detectFeatures } from '../../src/main/core/gateway/detect-features'
import type { TokenList } from '../../src/shared/contract/contract'
import type { Profile, ServerFeatures } from '../../src/shared/domain/profile'
import type { SandboxMode } from '../../src/sandbox/index'
import { startCoreHarness, type CoreHarness } from './core-harness'
import { requestLines, startGateway, type GatewayFixture } from './gateway-fixture'

// Per-server feature detection: cheap, side-effect-free probes; remembered with the profile; refreshed
// when a day old or on reconnect; corrected when an answer contradicts the memory.

let fixture: GatewayFixture | undefined
let harness: CoreHarness | undefined
afterEach(async () => {
  await fixture?.close()
  await harness?.close()
  fixture = undefined
  harness = undefined
})

type Detected = Omit<ServerFeatures, 'detectedAt'>

const EXPECTED: Record<SandboxMode, Detected> = {
  current: {
    paging: 'one-based-object',
    maskedKeys: true,
    autoGroups: true,
    keyReveal: true,
    batchKeyReveal: true,
    batchDelete: true,
    exactSearch: true,
    maxNameBytes: 50,
  },
  classic: {
    paging: 'one-based-object',
    maskedKeys: true,
    autoGroups: false,
    keyReveal: true,
    batchKeyReveal: true,
    batchDelete: true,
    exactSearch: true,
    maxNameBytes: 50,
  },
  legacy: {
    paging: 'zero-based-array',
    maskedKeys: false,
    autoGroups: false,
    keyReveal: false,
    batchKeyReveal: false,
    batchDelete: false,
    exactSearch: false,
    maxNameBytes: 30,
  },
}

describe('detectFeatures', () => {
  it.each(Object.entries(EXPECTED) as [SandboxMode, Detected][])(
    'tells what a %s server can do with two reads and no side effects',
    async (mode, expected) => {
      fixture = await startGateway({ mode })
      const before = JSON.stringify(fixture.sandbox.control.tokens())
      const features = await detectFeatures(fixture.client, () => 1234)
      expect(features).toEqual({ ...expected, detectedAt: 1234 })
      expect(requestLines(fixture.sandbox)).toEqual([
        'GET /api/token/?p=0&size=1',
        'GET /api/token/auto-groups',
      ])
      expect(JSON.stringify(fixture.sandbox.control.tokens())).toBe(before)
    },
  )

  it.each(Object.entries(EXPECTED) as [SandboxMode, Detected][])(
    'still tells a %s server apart when the user has no tokens yet',
    async (mode, expected) => {
      fixture = await startGateway({ mode, seedTokens: 0 })
      const features = await detectFeatures(fixture.client)
      expect(features).toMatchObject(expected)
      // Without a key to look at, a 1-based server without auto groups needs the search probe.
      const probed = requestLines(fixture.sandbox).some((line) => line.startsWith('GET /api/token/search'))
      expect(probed).toBe(mode === 'classic')
    },
  )
})

describe('remembered features', () => {
  it('are corrected when an answer contradicts them, and the listener hears of it', async () => {
    fixture = await startGateway({ mode: 'legacy' })
    const learned: ServerFeatures[] = []
    // Features of a current server wrongly remembered for a legacy one (say, a downgraded server).
    const memory = memoryOnly({ ...EXPECTED.current, detectedAt: 1 })
    const client = fixture.freshClient({
      get: memory.get,
      learn: (patch) => {
        memory.learn(patch)
        learned.push(memory.get()!)
      },
    })
    expect(await client.listTokens()).toHaveLength(12)
    expect(client.features()?.paging).toBe('zero-based-array')
    expect(await client.deleteTokens([101])).toBe(1)
    expect(client.features()?.batchDelete).toBe(false)
    const key = fixture.sandbox.control.token(102)!.key
    expect(await client.revealKey(102)).toBe(`sk-${key}`)
    expect(await client.revealKeys([102])).toEqual(new Map([[102, `sk-${key}`]]))
    expect(client.features()).toMatchObject({ keyReveal: false, batchKeyReveal: false })
    expect(learned.at(-1)).toMatchObject({
      paging: 'zero-based-array',
      batchDelete: false,
      keyReveal: false,
      batchKeyReveal: false,
      detectedAt: 1,
    })
    // Once learned, the missing routes are not asked again.
    fixture.sandbox.control.clearRequests()
    await client.deleteTokens([103])
    await client.revealKey(104)
    expect(requestLines(fixture.sandbox).filter((l) => l.startsWith('POST'))).toEqual([])
  })

  it('are saved with the profile on add, reused, refreshed (with the server facts) after a day and on reconnect', async () => {
    let now = Date.UTC(2026, 7, 20)
    harness = await startCoreHarness({ mode: 'classic' }, { clock: { now: () => now } })
    const added = await harness.value<Profile>('profiles.add', {
      name: 'Classic',
      baseUrl: harness.sandbox.baseUrl,
      userId: harness.sandbox.userId,
      accessToken: harness.sandbox.accessToken,
    })
    expect(added.features).toEqual({ ...EXPECTED.classic, detectedAt: now })
    const probes = () =>
      requestLines(harness!.sandbox).filter((l) => l === 'GET /api/token/auto-groups').length
    expect(probes()).toBe(1)

    now += 60 * 60 * 1000 // an hour later: the memory is used
    await harness.value('tokens.list', { profileId: added.id })
    expect(probes()).toBe(1)

    now += 24 * 60 * 60 * 1000 // a day later: listing re-detects and saves
    harness.sandbox.control.setDisplayType('CNY') // meanwhile the admin shows quota in yuan
    const changed: string[] = []
    harness.core.onEvent((event) => changed.push(event))
    await harness.value('tokens.list', { profileId: added.id })
    expect(probes()).toBe(2)
    expect(changed).toContain('profiles.changed')
    const state = await harness.value<{ profiles: Profile[] }>('profiles.list')
    expect(state.profiles[0]!.features?.detectedAt).toBe(now)
    // The server's facts are read again with them: its money is shown as its admin now chose.
    expect(state.profiles[0]!.server.displayType).toBe('CNY')

    now += 1000 // reconnect
    const refreshed = await harness.core.refreshServerFeatures(added.id)
    expect(refreshed).toEqual({ ok: true, value: { ...EXPECTED.classic, detectedAt: now } })
    expect(probes()).toBe(3)
    const missing = await harness.core.refreshServerFeatures('no-such-profile')
    expect(missing.ok ? null : missing.error.code).toBe('not-found')
  })
})

describe('reconnecting', () => {
  it('re-detects the server features on the first success after the server was unreachable', async () => {
    harness = await startCoreHarness()
    const profile = await harness.addSandboxProfile()
    const { sandbox } = harness
    const probes = () => sandbox.control.requests().filter((r) => r.path.startsWith('/api/token/auto-groups'))

    await harness.value('tokens.list', { profileId: profile.id })
    sandbox.control.clearRequests()
    await harness.value('tokens.list', { profileId: profile.id })
    expect(probes()).toHaveLength(0) // features are fresh: no detection on an ordinary list

    sandbox.control.injectFault({ kind: 'reset' }, { times: Infinity, path: '/api/token/' })
    const down = await harness.value<TokenList>('tokens.list', { profileId: profile.id })
    expect(down).toMatchObject({ source: 'cache', error: { code: 'offline' } })

    sandbox.control.clearFaults()
    sandbox.control.clearRequests()
    await harness.value('tokens.list', { profileId: profile.id })
    await expect.poll(() => probes()).toHaveLength(1) // the reconnect re-detected

    sandbox.control.clearRequests()
    await harness.value('tokens.list', { profileId: profile.id })
    expect(probes()).toHaveLength(0) // and only once
  })
})
