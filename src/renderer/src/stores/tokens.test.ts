import { createApp } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { bridgeKey } from '@renderer/bridge/use-bridge'
import { createFakeApi, makeProfile, makeToken } from '@renderer/test/fake-api'
import { settle } from '@renderer/test/mount-app'
import { useProfilesStore } from './profiles'
import { useTokensStore } from './tokens'

function setup() {
  const fake = createFakeApi({
    profiles: [makeProfile({ id: 'a', name: 'A' }), makeProfile({ id: 'b', name: 'B' })],
    activeId: 'a',
    tokens: { a: [makeToken({ id: 1, name: 'a-one' })], b: [makeToken({ id: 9, name: 'b-nine' })] },
  })
  const app = createApp({})
  app.provide(bridgeKey, fake.api)
  const pinia = createPinia()
  app.use(pinia)
  setActivePinia(pinia)
  return { fake, profiles: useProfilesStore(), tokens: useTokensStore() }
}

describe('tokens store', () => {
  it('loads the active server and reloads when the server changes', async () => {
    const { profiles, tokens } = setup()
    await profiles.hydrate()
    await settle()
    expect(tokens.tokens.map((t) => t.name)).toEqual(['a-one'])
    await profiles.select('b')
    await settle()
    expect(tokens.tokens.map((t) => t.name)).toEqual(['b-nine'])
  })

  it('follows tokens.changed for the active server only', async () => {
    const { fake, profiles, tokens } = setup()
    await profiles.hydrate()
    await settle()
    fake.tokens.a![0]!.name = 'renamed elsewhere'
    fake.emit('tokens.changed', { profileId: 'b', tokenIds: [1] })
    await settle()
    expect(tokens.tokens[0]?.name).toBe('a-one')
    fake.emit('tokens.changed', { profileId: 'a', tokenIds: [1] })
    await settle()
    expect(tokens.tokens[0]?.name).toBe('renamed elsewhere')
    expect(fake.callsOf('tokens.get')).toEqual([{ profileId: 'a', id: 1 }])
  })

  it('replaces the token with the one main returns after an update', async () => {
    const { profiles, tokens } = setup()
    await profiles.hydrate()
    await settle()
    const result = await tokens.update({
      profileId: 'a',
      id: 1,
      changes: { group: 'vip' },
      quota: { mode: 'set', value: 42 },
    })
    expect(result.ok).toBe(true)
    expect(tokens.tokens[0]).toMatchObject({ id: 1, group: 'vip', remain_quota: 42 })
  })

  it('keeps the error for the view when loading fails', async () => {
    const { fake, profiles, tokens } = setup()
    fake.failNext('tokens.list', { code: 'offline', message: 'connect ECONNREFUSED' })
    await profiles.hydrate()
    await settle()
    expect(tokens.error?.code).toBe('offline')
    expect(tokens.tokens).toEqual([])
  })
})
