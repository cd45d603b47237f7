import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent } from 'vue'
import type { ReachState, ServerState } from '@shared/domain/server-state'
import { mountApp } from '@renderer/test/mount-app'
import { useServersStore } from '@renderer/stores/servers'
import { useWaitingText } from './use-waiting-text'

// A change kept and not yet sent is explained as the header explains the server: unreachable, asked to
// wait, waiting for room in its limit, or simply next in line — not "cannot be reached" for all four.

afterEach(() => {
  document.body.innerHTML = ''
})

function setup() {
  let text: ReturnType<typeof useWaitingText> | null = null
  mountApp(
    defineComponent({
      setup() {
        text = useWaitingText()
        return () => null
      },
    }),
  )
  const servers = useServersStore()
  const put = (state: ReachState, heldUntil: number | null = null) => {
    const server: ServerState = {
      profileId: 'p1',
      reach: { state, since: 0, until: null, nextProbeAt: null, error: null },
      unsynced: 1,
      needsAttention: 0,
      syncing: false,
      heldUntil,
      refusedEarly: null,
      autoSync: true,
    }
    servers.states = { p1: server }
  }
  return { text: text!, put }
}

describe('why a change waits', () => {
  it('names the reason the header shows', () => {
    const { text, put } = setup()
    put('offline')
    expect(text.queued('p1', 'a')).toBe('The server cannot be reached: “a” is kept and sent when it is back.')
    put('rate-limited')
    expect(text.queued('p1', 'a')).toBe(
      'The server asked TokenDesk to wait: “a” is kept and sent when it allows.',
    )
    // Refused access token: it waits for the user, not for the server to come back.
    for (const state of ['auth-refused', 'needs-token'] as const) {
      put(state)
      expect(text.queued('p1', 'a')).toBe(
        'The server does not take the access token: “a” is kept, and sent once you give it a working one (Servers › Edit).',
      )
    }
    put('online', Date.now() + 20_000)
    expect(text.queued('p1', 'a')).toMatch(/^“a” waits for room in the server’s rate limit .* (20|19) s\)\.$/)
    expect(text.sending('p1', 'a')).toMatch(/about (20|19) s/)
    put('online')
    expect(text.queued('p1', 'a')).toBe('“a” is queued and goes out in a moment.')
    // The draft's own send found the server unreachable before the header's state said so.
    expect(text.queued('p1', 'a', { code: 'offline' })).toBe(
      'The server cannot be reached: “a” is kept and sent when it is back.',
    )
    expect(text.sending('p1', 'a')).toBe('Sending “a” to the server…')
  })
})
