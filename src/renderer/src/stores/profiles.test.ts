import { createApp } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { bridgeKey } from '@renderer/bridge/use-bridge'
import { createFakeApi, makeProfile } from '@renderer/test/fake-api'
import { settle } from '@renderer/test/mount-app'
import { useProfilesStore } from './profiles'

// The window's copy of main's server list: an answer taken before a change can arrive after the change's
// event (the browser host's event stream is a connection of its own).

describe('profiles store', () => {
  it('keeps the list an event brought while an older answer was on its way', async () => {
    const first = makeProfile({ id: 'a', name: 'First' })
    const fake = createFakeApi({ profiles: [first], activeId: 'a', tokens: {} })
    const app = createApp({})
    app.provide(bridgeKey, fake.api)
    app.use(createPinia())
    setActivePinia(app.config.globalProperties.$pinia)
    const list = fake.api.profiles.list
    let deliver!: () => void
    const delivered = new Promise<void>((resolve) => (deliver = resolve))
    fake.api.profiles.list = async () => {
      const taken = await list()
      await delivered
      return taken
    }
    const profiles = useProfilesStore()
    const hydrated = profiles.hydrate()
    await settle()
    const second = makeProfile({ id: 'b', name: 'Second' })
    fake.emit('profiles.changed', { profiles: [first, second], activeId: 'b' })
    deliver()
    await hydrated
    expect(profiles.profiles.map((profile) => profile.name)).toEqual(['First', 'Second'])
    expect(profiles.activeId).toBe('b')
  })
})
