import { afterEach, expect, it } from 'vitest'
import { createFakeApi, makeProfile } from '@renderer/test/fake-api'
import { mountApp, settle } from '@renderer/test/mount-app'
import AppShell from './app-shell.vue'

// The header says when TokenDesk waits for room in the server's request limit, and for how long, rather
// than "Sending…" standing still for minutes; why is one hover away. Gone when nothing waits any more.

afterEach(() => {
  document.body.innerHTML = ''
})

const header = () => document.querySelector<HTMLElement>('.reach')!

it('says the wait for the server’s request limit, counts it down, and says why', async () => {
  const fake = createFakeApi({ profiles: [makeProfile({ id: 'p1' })], tokens: { p1: [] } })
  fake.network.heldUntil = Date.now() + 40_000
  mountApp(AppShell, { fake })
  await settle()
  expect(header().textContent).toMatch(/Keeping to the server’s rate limit · next request in (40|39) s/)
  expect(header().querySelector('[role="status"]')?.textContent).toBe(
    'TokenDesk is keeping to the server’s rate limit',
  )
  expect(header().title).toBe(
    'TokenDesk sends at most 360 requests per 180 s to this server (its rate limit, set under Servers) and waits for room rather than be refused; what is queued goes out by itself.',
  )
  // Nothing the user must do: no "Retry now", which would only earn a refusal.
  expect(header().querySelector('button')).toBeNull()

  const states = await fake.api.servers.states()
  if (!states.ok) throw new Error('no server states')
  fake.emit('servers.changed', { ...states.value[0]!, heldUntil: null })
  await settle()
  expect(header().textContent).toContain('Online')
  expect(header().textContent).not.toContain('rate limit')
  expect(header().title).toBe('')
})

it('says the server asked to wait, not "Sending…", while a send waits out a 429', async () => {
  const fake = createFakeApi({ profiles: [makeProfile({ id: 'p1' })], tokens: { p1: [] } })
  mountApp(AppShell, { fake })
  await settle()
  const states = await fake.api.servers.states()
  if (!states.ok) throw new Error('no server states')
  const until = Date.now() + 30_000
  fake.emit('servers.changed', {
    ...states.value[0]!,
    syncing: true,
    reach: { state: 'rate-limited', since: Date.now(), until, nextProbeAt: null, error: null },
  })
  await settle()
  expect(header().textContent).toContain('Rate limited until')
  expect(header().textContent).not.toContain('Sending')
  fake.emit('servers.changed', { ...states.value[0]!, syncing: true })
  await settle()
  expect(header().textContent).toContain('Sending…')
})
