import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore } from '../../src/main/core/create-core'
import type { CoreApi, SecretStore } from '../../src/main/core/core-types'
import type { TokenList } from '../../src/shared/contract/contract'
import { effectiveStatus } from '../../src/shared/domain/effective-status'
import type { Profile, ProfilesState } from '../../src/shared/domain/profile'
import type { Result } from '../../src/shared/result'
import { startCoreHarness, type CoreHarness } from './core-harness'

// "Try the demo server" in a real core: the demo gateway runs inside it on loopback, the saved entry
// comes back with each start, and none of it needs the keychain.

/** A machine without a keychain: every call fails, as keytar does there. */
const noKeychain: SecretStore = {
  get: () => Promise.reject(new Error('no keychain on this machine')),
  set: () => Promise.reject(new Error('no keychain on this machine')),
  delete: () => Promise.reject(new Error('no keychain on this machine')),
}

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function openCore(dataDir: string, secretStore: SecretStore = noKeychain): Promise<CoreApi> {
  return createCore({
    dataDir,
    secretStore,
    fetch: globalThis.fetch,
    host: 'web',
    appVersion: '0.0.0-test',
    locale: 'en-US',
  })
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tokendesk-demo-'))
  cleanups.push(() => rm(dir, { recursive: true, force: true }))
  return dir
}

async function value<T>(core: CoreApi, channel: string, input?: unknown): Promise<T> {
  const result = (await core.dispatch(channel, input)) as Result<T>
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`)
  return result.value
}

/** Whether anything still listens at the address (a closed gateway refuses the connection). */
async function answers(baseUrl: string): Promise<boolean> {
  try {
    await fetch(`${baseUrl}/api/status`, { signal: AbortSignal.timeout(2_000) })
    return true
  } catch {
    return false
  }
}

function expectSeededVariety(list: TokenList): void {
  expect(list.source).toBe('server')
  expect(list.tokens.length).toBeGreaterThanOrEqual(15)
  const now = Math.floor(Date.now() / 1000)
  const statuses = new Set(list.tokens.map((token) => effectiveStatus(token, now)))
  expect([...statuses].sort()).toEqual(['disabled', 'enabled', 'exhausted', 'expired'])
  expect(list.tokens.some((token) => token.unlimited_quota)).toBe(true)
  const groups = new Set(list.tokens.flatMap((token) => (token.group ?? '').split(',')).filter(Boolean))
  expect([...groups]).toEqual(expect.arrayContaining(['default', 'vip', 'auto']))
  expect(list.tokens.some((token) => token.model_limits_enabled && token.model_limits !== '')).toBe(true)
  // The AnyAPI fork's columns, on every row, set where a reseller would set them.
  expect(list.tokens.every((token) => Array.isArray(token['selected_groups']))).toBe(true)
  expect(list.tokens.some((token) => token['mj_image_mode'] === 'fast')).toBe(true)
}

describe('the demo server', () => {
  it('starts on a machine without a keychain, is saved once, active, and lists its seeded tokens', async () => {
    const dataDir = await tempDir()
    const core = await openCore(dataDir)
    cleanups.push(() => core.close())

    const profile = await value<Profile>(core, 'demo.start')
    expect(profile).toMatchObject({ name: 'TokenDesk demo', demo: true, userId: 1 })
    expect(profile.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(profile.features).not.toBeNull()
    expect((await value<ProfilesState>(core, 'profiles.list')).activeId).toBe(profile.id)

    expectSeededVariety(await value<TokenList>(core, 'tokens.list', { profileId: profile.id }))

    // Starting again reuses it: one demo server only.
    const again = await value<Profile>(core, 'demo.start')
    expect(again.id).toBe(profile.id)
    expect((await value<ProfilesState>(core, 'profiles.list')).profiles).toHaveLength(1)
  })

  it('keeps usage running on a few tokens, so quota moves while one looks', async () => {
    const core = await openCore(await tempDir())
    cleanups.push(() => core.close())
    const { id } = await value<Profile>(core, 'demo.start')
    const used = async () =>
      (await value<TokenList>(core, 'tokens.list', { profileId: id })).tokens.map((token) => token.used_quota)
    const before = await used()
    await expect
      .poll(async () => (await used()).filter((quota, i) => quota !== before[i]).length, {
        timeout: 8_000,
        interval: 1_000,
      })
      .toBeGreaterThanOrEqual(1)
  })

  it('never writes to a real keychain', async () => {
    const writes: string[] = []
    const harness: CoreHarness = await startCoreHarness(
      {},
      {
        wrapSecrets: (store) => ({
          ...store,
          set: (account, secret) => {
            writes.push(account)
            return store.set(account, secret)
          },
        }),
      },
    )
    cleanups.push(() => harness.close())
    const profile = await harness.value<Profile>('demo.start')
    expectSeededVariety(await harness.value<TokenList>('tokens.list', { profileId: profile.id }))
    expect(writes).toEqual([])
  })

  it('comes back with the next start of the core, on a new gateway, its tokens listed', async () => {
    const dataDir = await tempDir()
    let core = await openCore(dataDir)
    cleanups.push(() => core.close())
    const first = await value<Profile>(core, 'demo.start')

    await core.close()
    expect(await answers(first.baseUrl)).toBe(false)

    core = await openCore(dataDir)
    const state = await value<ProfilesState>(core, 'profiles.list')
    expect(state.profiles).toHaveLength(1)
    const back = state.profiles[0] as Profile
    expect(back).toMatchObject({ id: first.id, demo: true, name: 'TokenDesk demo' })
    expect(state.activeId).toBe(first.id)
    expect(await answers(back.baseUrl)).toBe(true)
    expectSeededVariety(await value<TokenList>(core, 'tokens.list', { profileId: back.id }))
  })

  it('stops its gateway once the demo server is removed', async () => {
    const core = await openCore(await tempDir())
    cleanups.push(() => core.close())
    const profile = await value<Profile>(core, 'demo.start')
    expect(await answers(profile.baseUrl)).toBe(true)

    // Removal as the user does it; the keychain it tries to clean up is missing here, too.
    await core.dispatch('profiles.remove', { id: profile.id })
    expect((await value<ProfilesState>(core, 'profiles.list')).profiles).toEqual([])
    await expect.poll(() => answers(profile.baseUrl), { timeout: 5_000 }).toBe(false)

    // And it can be tried again: a new entry, a new gateway.
    const next = await value<Profile>(core, 'demo.start')
    expect(next.id).not.toBe(profile.id)
    expect(await answers(next.baseUrl)).toBe(true)
  })
})
