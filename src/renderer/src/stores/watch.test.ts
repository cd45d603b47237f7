import { createApp } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { bridgeKey } from '@renderer/bridge/use-bridge'
import { createFakeApi, makeProfile, makeToken } from '@renderer/test/fake-api'
import { settle } from '@renderer/test/mount-app'
import { useProfilesStore } from './profiles'
import { useWatchStore } from './watch'

// The window's copy of main's Watch: the answer to its own ask and main's events can cross (the answer
// taken from the token list before a listing, the listing's event delivered first).

function setup() {
  const fake = createFakeApi({ profiles: [makeProfile({ id: 'a', name: 'A' })], activeId: 'a', tokens: {} })
  const app = createApp({})
  app.provide(bridgeKey, fake.api)
  const pinia = createPinia()
  app.use(pinia)
  setActivePinia(pinia)
  return { fake, profiles: useProfilesStore() }
}

describe('watch store', () => {
  it('keeps the Watch of a newer token list when an answer taken before it arrives after its event', async () => {
    const { fake, profiles } = setup()
    // The answer is taken at once (no list read yet) and delivered only when the test says.
    const answer = fake.api.watch.list
    let deliver!: () => void
    const delivered = new Promise<void>((resolve) => (deliver = resolve))
    fake.api.watch.list = async (input) => {
      const taken = await answer(input)
      await delivered
      return taken
    }
    await profiles.hydrate()
    const watch = useWatchStore()
    await settle()
    expect(fake.callsOf('watch.list')).toHaveLength(1)

    // Meanwhile the first listing lands: one token about to expire, announced by main.
    fake.tokens['a'] = [
      makeToken({ id: 4, name: 'soon', expired_time: Math.floor(Date.now() / 1000) + 3600 }),
    ]
    fake.announceWatch('a')
    await settle()
    expect(watch.count).toBe(1)

    deliver()
    await settle()
    expect(watch.count).toBe(1)
    expect(watch.active?.entries.map((entry) => entry.name)).toEqual(['soon'])
  })
})
