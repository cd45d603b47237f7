import { afterEach, describe, expect, it } from 'vitest'
import type { ServerState } from '@shared/domain/server-state'
import { createFakeApi, makeProfile } from '@renderer/test/fake-api'
import { bodyText } from '@renderer/test/dom'
import { mountApp, settle } from '@renderer/test/mount-app'
import AppShell from '@renderer/components/app-shell.vue'

// A server refusing requests long before the limit TokenDesk keeps to: the window says so once, with the
// count it refused after offered as the server's limit — one click sets it.

const state = (refusedEarly: ServerState['refusedEarly']): ServerState => ({
  profileId: 'p1',
  reach: { state: 'rate-limited', since: 0, until: Date.now() + 5_000, nextProbeAt: null, error: null },
  unsynced: 0,
  needsAttention: 0,
  syncing: false,
  heldUntil: null,
  refusedEarly,
  autoSync: true,
})

const notices = () => [...document.querySelectorAll<HTMLElement>('.n-notification')]

async function shell() {
  const fake = createFakeApi({ profiles: [makeProfile({ id: 'p1', name: 'Strict' })], tokens: { p1: [] } })
  mountApp(AppShell, { fake })
  await settle()
  return fake
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('a server refusing before its limit', () => {
  it('is said once, and its count is offered and set as the server’s limit', async () => {
    const fake = await shell()
    fake.emit('servers.changed', state({ admitted: 28, limit: 360, windowSeconds: 180 }))
    await settle()
    expect(bodyText()).toContain('“Strict” refuses requests sooner than its rate limit says')
    expect(bodyText()).toContain(
      'It refused a request after 28 in 180 s, while TokenDesk keeps to 360 per 180 s.',
    )
    // The same refusal told again (another 429): no second notice.
    fake.emit('servers.changed', state({ admitted: 27, limit: 360, windowSeconds: 180 }))
    await settle()
    expect(notices()).toHaveLength(1)
    const use = [...notices()[0]!.querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === 'Use 28 per 180 s',
    )!
    use.click()
    await settle()
    expect(fake.callsOf('profiles.setPacing')).toEqual([
      { id: 'p1', pacing: { requests: 28, windowSeconds: 180 } },
    ])
    expect(bodyText()).toContain('Rate limit of “Strict” saved.')
  })

  it('says nothing of a refusal noted under another limit than the one kept now', async () => {
    const fake = await shell()
    // The server's limit was set to 100 per 60 s since; this refusal was under the default.
    await fake.api.profiles.setPacing({ id: 'p1', pacing: { requests: 100, windowSeconds: 60 } })
    await settle()
    fake.emit('servers.changed', state({ admitted: 28, limit: 360, windowSeconds: 180 }))
    await settle()
    expect(notices()).toHaveLength(0)
    fake.emit('servers.changed', state(null))
    await settle()
    expect(notices()).toHaveLength(0)
  })
})
