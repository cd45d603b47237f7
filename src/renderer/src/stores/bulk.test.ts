import { createApp } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { bridgeKey } from '@renderer/bridge/use-bridge'
import { createFakeApi, makeProfile, makeToken } from '@renderer/test/fake-api'
import { settle } from '@renderer/test/mount-app'
import { useBulkStore } from './bulk'
import { useProfilesStore } from './profiles'

// The active server's bulk jobs as main reports them: by answer and by event, which travel apart.

function setup() {
  const fake = createFakeApi({
    profiles: [makeProfile({ id: 'a', name: 'A' })],
    activeId: 'a',
    tokens: { a: [makeToken({ id: 1, name: 'one' }), makeToken({ id: 2, name: 'two' })] },
  })
  const app = createApp({})
  app.provide(bridgeKey, fake.api)
  const pinia = createPinia()
  app.use(pinia)
  setActivePinia(pinia)
  return { fake, profiles: useProfilesStore(), bulk: useBulkStore() }
}

describe('bulk store', () => {
  it('keeps the newer copy of a job when an answer arrives after an event that already moved it on', async () => {
    const { fake, profiles, bulk } = setup()
    await profiles.hydrate()
    await settle()
    const started = await bulk.start('a', [1, 2], { kind: 'edit', status: 'disable' })
    if (!started.ok) throw new Error('not started')
    // The job finished and said so (an event) while an earlier answer was still on its way.
    const finished = {
      ...started.value,
      state: 'done' as const,
      revision: started.value.revision + 5,
      items: started.value.items.map((item) => ({ ...item, state: 'synced' as const })),
    }
    fake.emit('bulk.changed', finished)
    await settle()
    expect(bulk.latest?.state).toBe('done')
    await bulk.control(started.value, 'pause') // answered with the fake's older copy
    await settle()
    expect(bulk.latest?.state).toBe('done')
    expect(bulk.latest?.items.every((item) => item.state === 'synced')).toBe(true)
  })

  it('puts a finished report away (in main too, for good), and shows the next job', async () => {
    const { fake, profiles, bulk } = setup()
    await profiles.hydrate()
    await settle()
    const first = await bulk.start('a', [1], { kind: 'edit', status: 'disable' })
    if (!first.ok) throw new Error('not started')
    bulk.dismiss({ ...first.value, state: 'done' })
    expect(bulk.latest?.id).toBe(first.value.id) // still running: not put away
    expect(fake.callsOf('bulk.control')).toEqual([
      { profileId: 'a', jobId: first.value.id, action: 'putAway' },
    ])
    const second = await bulk.start('a', [2], { kind: 'edit', status: 'enable' })
    expect(second.ok && bulk.latest?.id === second.value.id).toBe(true)
  })
})
