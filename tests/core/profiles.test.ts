import { readFile, writeFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Profile, ProfilesState } from '../../src/shared/domain/profile'
import { startCoreHarness, type CoreHarness } from './core-harness'

let harness: CoreHarness | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

describe('server profiles', () => {
  it('verifies the server, saves the profile without its secret and makes it active', async () => {
    harness = await startCoreHarness()
    const profile = await harness.value<Profile>('profiles.add', {
      name: ' My gateway ',
      baseUrl: harness.sandbox.baseUrl + '/',
      userId: String(harness.sandbox.userId),
      accessToken: harness.sandbox.accessToken,
    })
    expect(profile).toMatchObject({
      name: 'My gateway',
      baseUrl: harness.sandbox.baseUrl,
      userId: harness.sandbox.userId,
    })
    expect(profile.server.quotaPerUnit).toBe(500_000)
    expect(JSON.stringify(profile)).not.toContain(harness.sandbox.accessToken)

    const state = await harness.value<ProfilesState>('profiles.list')
    expect(state.activeId).toBe(profile.id)
    const onDisk = await readFile(join(harness.dataDir, 'profiles.json'), 'utf8')
    expect(JSON.parse(onDisk).profiles[0].id).toBe(profile.id)
    expect(onDisk).not.toContain(harness.sandbox.accessToken)
  })

  it('reports a wrong access token as an auth error and saves nothing', async () => {
    harness = await startCoreHarness()
    const result = await harness.call('profiles.add', {
      name: 'Wrong',
      baseUrl: harness.sandbox.baseUrl,
      userId: harness.sandbox.userId,
      accessToken: 'not-the-token',
    })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('auth')
    expect((await harness.value<ProfilesState>('profiles.list')).profiles).toHaveLength(0)
  })

  it('recognises the classic auth failures (HTTP 200 or 401 with Chinese messages)', async () => {
    harness = await startCoreHarness({ mode: 'classic' })
    const wrongUser = await harness.call('profiles.add', {
      name: 'Classic',
      baseUrl: harness.sandbox.baseUrl,
      userId: harness.sandbox.userId + 1,
      accessToken: harness.sandbox.accessToken,
    })
    expect(wrongUser.ok).toBe(false)
    if (!wrongUser.ok) expect(wrongUser.error.code).toBe('auth')
    const wrongToken = await harness.call('profiles.add', {
      name: 'Classic',
      baseUrl: harness.sandbox.baseUrl,
      userId: harness.sandbox.userId,
      accessToken: 'bad',
    })
    expect(wrongToken.ok).toBe(false)
    if (!wrongToken.ok)
      expect(wrongToken.error).toMatchObject({ code: 'auth', message: '无权进行此操作，access token 无效' })
    expect(
      (
        await harness.call('profiles.add', {
          name: 'Classic',
          baseUrl: harness.sandbox.baseUrl,
          userId: harness.sandbox.userId,
          accessToken: harness.sandbox.accessToken,
        })
      ).ok,
    ).toBe(true)
  })

  it('refuses invalid input with field issues and an unreachable server as offline', async () => {
    harness = await startCoreHarness()
    const invalid = await harness.call('profiles.add', {
      name: '',
      baseUrl: 'http://gw.example.com',
      userId: 'x',
      accessToken: '',
    })
    expect(invalid.ok).toBe(false)
    if (!invalid.ok) {
      expect(invalid.error.code).toBe('validation')
      expect(invalid.error.details?.fields?.map((f) => f.key).sort()).toEqual(
        ['accessToken.required', 'baseUrl.insecure', 'profileName.required', 'userId.invalid'].sort(),
      )
    }
    const closed = await harness.call('profiles.add', {
      name: 'Down',
      baseUrl: 'http://127.0.0.1:9',
      userId: 1,
      accessToken: 't',
    })
    expect(closed.ok).toBe(false)
    if (!closed.ok) expect(closed.error.code).toBe('offline')
  })

  it('removes a profile and its keychain entry, and selects another', async () => {
    harness = await startCoreHarness()
    const first = await harness.addSandboxProfile()
    const second = await harness.addSandboxProfile()
    expect((await harness.value<ProfilesState>('profiles.select', { id: second.id })).activeId).toBe(
      second.id,
    )
    await harness.value('profiles.remove', { id: second.id })
    const state = await harness.value<ProfilesState>('profiles.list')
    expect(state.profiles.map((p) => p.id)).toEqual([first.id])
    expect(state.activeId).toBe(first.id)
    const missing = await harness.call('profiles.select', { id: second.id })
    expect(missing.ok ? null : missing.error.code).toBe('not-found')
  })

  it('keeps to a server rate limit the user sets, and refuses a nonsensical one', async () => {
    harness = await startCoreHarness({ rateLimits: { global: { requests: 6, windowSeconds: 2 } } })
    const { id } = await harness.addSandboxProfile()
    const invalid = await harness.call('profiles.setPacing', {
      id,
      pacing: { requests: 0, windowSeconds: -1 },
    })
    expect(invalid.ok ? [] : invalid.error.details?.fields?.map((f) => f.key).sort()).toEqual([
      'pacing.requests',
      'pacing.window',
    ])

    const changed: ProfilesState[] = []
    harness.core.onEvent((event, payload) => {
      if (event === 'profiles.changed') changed.push(payload as ProfilesState)
    })
    const profile = await harness.value<Profile>('profiles.setPacing', {
      id,
      pacing: { requests: 6, windowSeconds: 2 },
    })
    expect(profile.pacing).toEqual({ requests: 6, windowSeconds: 2 })
    expect(changed.at(-1)?.profiles[0]?.pacing).toEqual({ requests: 6, windowSeconds: 2 })
    const onDisk = JSON.parse(await readFile(join(harness.dataDir, 'profiles.json'), 'utf8'))
    expect(onDisk.profiles[0].pacing).toEqual({ requests: 6, windowSeconds: 2 })

    // Well past the server's budget, yet not one request is refused and repeated: each call is sent once.
    // Let the server's window forget the requests made while adding the profile (before the budget was set).
    await new Promise((resolve) => setTimeout(resolve, 2_100))
    harness.sandbox.control.clearRequests()
    const [first] = harness.sandbox.control.tokens()
    for (let call = 0; call < 10; call += 1) {
      await harness.value('tokens.get', { profileId: id, id: first!.id })
    }
    expect(harness.sandbox.control.requests()).toHaveLength(10)

    const reset = await harness.value<Profile>('profiles.setPacing', { id, pacing: null })
    expect(reset.pacing).toBeNull()
  })

  it('asks servers for messages in the UI language', async () => {
    harness = await startCoreHarness()
    const { id } = await harness.addSandboxProfile()
    expect(harness.sandbox.control.requests().at(-1)?.headers['accept-language']).toBe('en-US')
    await harness.value('app.setLocale', { locale: 'zh-CN' })
    harness.sandbox.control.clearRequests()
    await harness.value('tokens.list', { profileId: id })
    const languages = harness.sandbox.control.requests().map((r) => r.headers['accept-language'])
    expect(languages.length).toBeGreaterThan(0)
    expect(new Set(languages)).toEqual(new Set(['zh-CN']))
    expect((await harness.value<{ locale: string }>('app.info')).locale).toBe('zh-CN')
    const bad = await harness.call('app.setLocale', { locale: 'fr-FR' })
    expect(bad.ok ? null : bad.error.code).toBe('validation')
  })

  it('moves an unreadable profiles.json aside instead of overwriting it', async () => {
    harness = await startCoreHarness()
    await harness.core.close()
    await writeFile(join(harness.dataDir, 'profiles.json'), '{ not json')
    const { createCore } = await import('../../src/main/core/create-core')
    const { createKeytarStore } = await import('../../src/main/core/vault/keytar-store')
    const core = await createCore({
      dataDir: harness.dataDir,
      secretStore: createKeytarStore('TokenDesk-test-unused'),
      fetch,
      host: 'web',
      appVersion: 'test',
    })
    const state = await core.dispatch('profiles.list', undefined)
    expect(state).toEqual({ ok: true, value: { profiles: [], activeId: null } })
    const files = await readdir(harness.dataDir)
    const aside = files.find((name) => name.startsWith('profiles.json.corrupt-'))
    expect(aside).toBeDefined()
    expect(await readFile(join(harness.dataDir, aside!), 'utf8')).toBe('{ not json')
    await core.close()
  })
})
