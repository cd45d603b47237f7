import { afterEach, describe, expect, it } from 'vitest'
import type { DraftView } from '@shared/domain/draft'
import type { ServerState } from '@shared/domain/server-state'
import { makeToken } from '@renderer/test/fake-api'
import { bodyText } from '@renderer/test/dom'
import { settle } from '@renderer/test/mount-app'
import { outboxWithDraft } from '@renderer/test/outbox-screen'

// Why an Outbox card waits: "TokenDesk tries again" only while it does, and an "unreachable" from the
// last try not once the header says the server is back.

afterEach(() => {
  document.body.innerHTML = ''
})

async function pendingAfterOfflineTry() {
  const fake = await outboxWithDraft(makeToken({ id: 1, name: 'alpha' }), { name: 'alpha-2' })
  const [held] = fake.drafts.p1 as DraftView[]
  const pending: DraftView = {
    ...held!,
    state: 'pending',
    lastError: { code: 'offline', message: 'The server cannot be reached.' },
  }
  fake.emit('drafts.changed', { profileId: 'p1', drafts: [pending], removedIds: [], history: [] })
  const states = await fake.api.servers.states()
  if (!states.ok) throw new Error('no server states')
  const server = states.value[0]!
  const reach = (state: ServerState['reach']['state']) =>
    fake.emit('servers.changed', { ...server, reach: { ...server.reach, state } })
  reach('offline')
  await settle()
  return { fake, reach }
}

describe('an Outbox card that waits', () => {
  it('says the last try found the server unreachable until the server is back', async () => {
    const { reach } = await pendingAfterOfflineTry()
    expect(bodyText()).toContain('Not sent yet: TokenDesk tries again')
    reach('online')
    await settle()
    expect(bodyText()).not.toContain('Not sent yet')
  })

  it('does not promise another try while automatic sending is off', async () => {
    const { fake } = await pendingAfterOfflineTry()
    fake.emit('settings.changed', { autoSync: false, notifications: true })
    await settle()
    expect(bodyText()).toContain('Not sent yet: send it when you are ready')
    expect(bodyText()).not.toContain('tries again')
  })
})
