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

  it('follows tokens.changed for the active server only, with the rows it carries and no read', async () => {
    const { fake, profiles, tokens } = setup()
    await profiles.hydrate()
    await settle()
    const renamed = makeToken({ id: 1, name: 'renamed elsewhere' })
    fake.emit('tokens.changed', { profileId: 'b', tokens: [renamed], removedIds: [] })
    await settle()
    expect(tokens.tokens[0]?.name).toBe('a-one')
    fake.emit('tokens.changed', {
      profileId: 'a',
      tokens: [renamed, makeToken({ id: 2, name: 'new' })],
      removedIds: [],
    })
    await settle()
    expect(tokens.tokens.map((t) => t.name)).toEqual(['new', 'renamed elsewhere'])
    fake.emit('tokens.changed', { profileId: 'a', tokens: [], removedIds: [1] })
    await settle()
    expect(tokens.tokens.map((t) => t.name)).toEqual(['new'])
    expect(fake.callsOf('tokens.get')).toEqual([])
    expect(fake.callsOf('tokens.list')).toHaveLength(1)
  })

  it('says when the list shown is the one last fetched', async () => {
    const { fake, profiles, tokens } = setup()
    fake.network.offline = true
    await profiles.hydrate()
    await settle()
    expect(tokens.tokens.map((t) => t.name)).toEqual(['a-one'])
    expect(tokens.stale?.code).toBe('offline')
  })

  it('reads the list again once a refused access token is replaced', async () => {
    const { fake, profiles } = setup()
    await profiles.hydrate()
    await settle()
    const states = await fake.api.servers.states()
    if (!states.ok) throw new Error('no server states')
    const server = states.value.find((state) => state.profileId === 'a')!
    const reach = (state: typeof server.reach.state) =>
      fake.emit('servers.changed', { ...server, reach: { ...server.reach, state } })
    reach('auth-refused')
    await settle()
    const before = fake.callsOf('tokens.list').length
    reach('unknown') // a new access token saved: not contacted yet
    await settle()
    expect(fake.callsOf('tokens.list')).toHaveLength(before + 1)
  })

  it('keeps the error for the view when loading fails', async () => {
    const { fake, profiles, tokens } = setup()
    fake.failNext('tokens.list', { code: 'offline', message: 'connect ECONNREFUSED' })
    await profiles.hydrate()
    await settle()
    expect(tokens.error?.code).toBe('offline')
    expect(tokens.tokens).toEqual([])
  })

  it('shows pages as they arrive on a first visit, with progress, and the list kept from before on a return', async () => {
    const { fake, profiles, tokens } = setup()
    const release = fake.holdListing()
    await profiles.hydrate()
    await settle()
    expect(tokens.loading).toBe(true)
    fake.emit('tokens.progress', {
      profileId: 'a',
      tokens: [makeToken({ id: 1, name: 'a-one' })],
      loaded: 1,
      total: 3,
    })
    await settle()
    expect(tokens.tokens.map((t) => t.name)).toEqual(['a-one'])
    expect(tokens.progress).toEqual({ profileId: 'a', loaded: 1, total: 3 })
    release()
    await settle()
    expect(tokens.loading).toBe(false)
    expect(tokens.progress).toBeNull()

    // Back on a server listed before: its rows show at once, while the server is read again.
    await profiles.select('b')
    await settle()
    const again = fake.holdListing()
    await profiles.select('a')
    await settle()
    expect(tokens.tokens.map((t) => t.name)).toEqual(['a-one'])
    expect(tokens.loading).toBe(true)
    again()
    await settle()
    expect(tokens.loading).toBe(false)
  })
})
