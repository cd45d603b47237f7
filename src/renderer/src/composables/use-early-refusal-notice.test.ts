import { afterEach, describe, expect, it, vi } from 'vitest'
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
  it('stays on screen until closed: missed, it would not come back', async () => {
    const fake = await shell()
    vi.useFakeTimers()
    try {
      fake.emit(
        'servers.changed',
        state({
          admitted: 28,
          limit: 360,
          windowSeconds: 180,
          suggested: { requests: 30, windowSeconds: 60 },
        }),
      )
      await vi.advanceTimersByTimeAsync(100)
      expect(notices()).toHaveLength(1)
      // The other notices leave after 10 s.
      await vi.advanceTimersByTimeAsync(60_000)
      expect(notices()).toHaveLength(1)
    } finally {
      vi.useRealTimers()
    }
  })

  it('is said once, and the server’s own limit is offered and set', async () => {
    const fake = await shell()
    fake.emit(
      'servers.changed',
      state({ admitted: 28, limit: 360, windowSeconds: 180, suggested: { requests: 30, windowSeconds: 60 } }),
    )
    await settle()
    expect(bodyText()).toContain('“Strict” refuses requests sooner than its rate limit says')
    expect(bodyText()).toContain(
      'It refused a request after 28 in 180 s, while TokenDesk keeps to 360 per 180 s; its own limit looks like 30 per 60 s.',
    )
    // The same refusal told again (another 429): no second notice.
    fake.emit(
      'servers.changed',
      state({ admitted: 27, limit: 360, windowSeconds: 180, suggested: { requests: 29, windowSeconds: 60 } }),
    )
    await settle()
    expect(notices()).toHaveLength(1)
    const use = [...notices()[0]!.querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === 'Use 30 per 60 s',
    )!
    use.click()
    await settle()
    expect(fake.callsOf('profiles.setPacing')).toEqual([
      { id: 'p1', pacing: { requests: 30, windowSeconds: 60 } },
    ])
    expect(bodyText()).toContain('Rate limit of “Strict” saved.')
  })

  it('says nothing of a refusal noted under another limit than the one kept now', async () => {
    const fake = await shell()
    // The server's limit was set to 100 per 60 s since; this refusal was under the default.
    await fake.api.profiles.setPacing({ id: 'p1', pacing: { requests: 100, windowSeconds: 60 } })
    await settle()
    fake.emit(
      'servers.changed',
      state({ admitted: 28, limit: 360, windowSeconds: 180, suggested: { requests: 30, windowSeconds: 60 } }),
    )
    await settle()
    expect(notices()).toHaveLength(0)
    fake.emit('servers.changed', state(null))
    await settle()
    expect(notices()).toHaveLength(0)
  })
})
