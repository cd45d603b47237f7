import { afterEach, describe, expect, it } from 'vitest'
import { createFakeApi, makeProfile } from '@renderer/test/fake-api'
import { mountApp, settle } from '@renderer/test/mount-app'
import { useProfilesStore } from '@renderer/stores/profiles'
import ServerPicker from './server-picker.vue'

afterEach(() => {
  document.body.innerHTML = ''
})

describe('server picker', () => {
  it('shows the active server, also after it changed elsewhere, with its marks', async () => {
    const fake = createFakeApi({
      profiles: [
        makeProfile({ id: 'p1', name: 'First' }),
        makeProfile({ id: 'p2', name: 'Prod', production: true }),
        makeProfile({ id: 'p3', name: 'Imported', accessTokenSetAt: null }),
      ],
      activeId: 'p3',
    })
    mountApp(ServerPicker, { fake })
    const profiles = useProfilesStore()
    await profiles.hydrate()
    await settle()
    const shown = () => document.querySelector('.n-base-selection')?.textContent ?? ''
    expect(shown()).toContain('Imported')
    await profiles.select('p2')
    await settle()
    expect(shown()).toContain('Prod')
    expect(shown()).toContain('Production')
    expect(shown()).not.toContain('Imported')
  })
})
