import { createApp } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { bridgeKey } from '@renderer/bridge/use-bridge'
import { createFakeApi, makeProfile } from '@renderer/test/fake-api'
import { settle } from '@renderer/test/mount-app'
import { useCatalogStore } from './catalog'
import { useProfilesStore } from './profiles'

// The window's copy of a server's catalog: whether the editor offers several groups follows the server's
// saved setting, as Edit server changes it, without reading the server again.

describe('catalog store', () => {
  it('follows a change of the "several groups" setting without reading the server again', async () => {
    const profile = makeProfile({ id: 'a', name: 'A', multiGroup: false })
    const fake = createFakeApi({ profiles: [profile], activeId: 'a', tokens: {} })
    const app = createApp({})
    app.provide(bridgeKey, fake.api)
    const pinia = createPinia()
    app.use(pinia)
    setActivePinia(pinia)
    const profiles = useProfilesStore()
    await profiles.hydrate()
    const catalog = useCatalogStore()
    await catalog.loadGroups('a')
    expect(catalog.groupsOf('a').value?.multiGroup).toBe(false)

    fake.emit('profiles.changed', { profiles: [{ ...profile, multiGroup: true }], activeId: 'a' })
    await settle()
    expect(catalog.groupsOf('a').value?.multiGroup).toBe(true)
    expect(fake.callsOf('catalog.groups')).toHaveLength(1)
  })
})
