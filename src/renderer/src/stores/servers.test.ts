import { createApp } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import type { ServerState } from '@shared/domain/server-state'
import { bridgeKey } from '@renderer/bridge/use-bridge'
import { createFakeApi, makeProfile } from '@renderer/test/fake-api'
import { settle } from '@renderer/test/mount-app'
import { useServersStore } from './servers'

// The window's copy of each server's state: the start's answer and main's events can cross (the browser
// host's event stream delivered a listing's "online" before the answer taken earlier).

function setup() {
  const fake = createFakeApi({ profiles: [makeProfile({ id: 'a' })], activeId: 'a', tokens: { a: [] } })
  const app = createApp({})
  app.provide(bridgeKey, fake.api)
  const pinia = createPinia()
  app.use(pinia)
  setActivePinia(pinia)
  return fake
}

/** Makes `call` take its answer at once and deliver it only when `deliver` is called. */
function heldBack<I, O>(call: (input: I) => Promise<O>) {
  let deliver!: () => void
  const delivered = new Promise<void>((resolve) => (deliver = resolve))
  const held = async (input: I) => {
    const taken = await call(input)
    await delivered
    return taken
  }
  return { held, deliver }
}

const reach = (state: ServerState['reach']['state']): ServerState['reach'] => ({
  state,
  since: 1,
  until: null,
  nextProbeAt: null,
  error: null,
})

describe('servers store', () => {
  it('keeps a state an event brought while the older answer was on its way', async () => {
    const fake = setup()
    const states = heldBack(fake.api.servers.states)
    fake.api.servers.states = states.held
    const settings = heldBack(fake.api.settings.get)
    fake.api.settings.get = settings.held
    const servers = useServersStore()
    const hydrated = servers.hydrate()
    await settle()
    // Taken before: online per the fake. Then main says it went offline, and auto-sync was turned off.
    fake.emit('servers.changed', {
      profileId: 'a',
      reach: reach('offline'),
      unsynced: 3,
      needsAttention: 0,
      syncing: false,
      heldUntil: null,
      refusedEarly: null,
      autoSync: false,
    })
    fake.emit('settings.changed', { autoSync: false, notifications: true })
    states.deliver()
    settings.deliver()
    await hydrated
    expect(servers.states['a']).toMatchObject({ reach: { state: 'offline' }, unsynced: 3 })
    expect(servers.settings.autoSync).toBe(false)
  })

  it('takes the answer where no event came meanwhile', async () => {
    setup()
    const servers = useServersStore()
    await servers.hydrate()
    expect(servers.states['a']).toMatchObject({ reach: { state: 'online' }, unsynced: 0 })
  })
})
