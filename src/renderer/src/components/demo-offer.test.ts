import { afterEach, describe, expect, it } from 'vitest'
import { createFakeApi } from '@renderer/test/fake-api'
import { bodyText, button } from '@renderer/test/dom'
import { mountApp, settle } from '@renderer/test/mount-app'
import { useNavigationStore } from '@renderer/stores/navigation'
import { useProfilesStore } from '@renderer/stores/profiles'
import DemoOffer from './demo-offer.vue'
import ServerPicker from './server-picker.vue'

// The first-run offer of the demo server, and its "Demo" tag where the active server's name shows.

afterEach(() => {
  document.body.innerHTML = ''
})

describe('demo offer', () => {
  it('starts the demo server in main, makes it active and opens its tokens', async () => {
    const fake = createFakeApi({ profiles: [] })
    mountApp(DemoOffer, { fake })
    const navigation = useNavigationStore()
    navigation.go('servers')
    await useProfilesStore().hydrate()

    button('Try the demo server').click()
    await settle()

    expect(fake.callsOf('demo.start')).toHaveLength(1)
    const profiles = useProfilesStore()
    expect(profiles.active).toMatchObject({ name: 'TokenDesk demo', demo: true })
    expect(navigation.section).toBe('tokens')
  })

  it('says why when main cannot start it, and stays where it is', async () => {
    const fake = createFakeApi({ profiles: [] })
    mountApp(DemoOffer, { fake })
    const navigation = useNavigationStore()
    navigation.go('servers')
    fake.failNext('demo.start', { code: 'internal', message: 'listen EPERM' })

    button('Try the demo server').click()
    await settle()

    expect(bodyText()).toContain('Something went wrong inside TokenDesk.')
    expect(navigation.section).toBe('servers')
    expect(useProfilesStore().profiles).toEqual([])
  })
})

describe('server picker', () => {
  it('tags the demo server as the demo', async () => {
    const fake = createFakeApi({ profiles: [] })
    mountApp(ServerPicker, { fake })
    await fake.api.demo.start()
    await useProfilesStore().hydrate()
    await settle()
    expect(document.querySelector('.server-picker')?.textContent).toContain('TokenDesk demo')
    expect(document.querySelector('.server-picker .demo-tag')?.textContent?.trim()).toBe('Demo')
  })
})
