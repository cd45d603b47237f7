import { afterEach, describe, expect, it } from 'vitest'
import type { DraftView } from '@shared/domain/draft'
import { makeToken } from '@renderer/test/fake-api'
import { bodyText } from '@renderer/test/dom'
import { settle } from '@renderer/test/mount-app'
import { outboxWithDraft } from '@renderer/test/outbox-screen'

// A draft that stops says so wherever the user is, with the way to its outbox; in that outbox, a short
// line points at its card instead (a notice there covered the card it was about).

const alpha = makeToken({ id: 1, name: 'alpha' })

afterEach(() => {
  document.body.innerHTML = ''
})

function stop(fake: Awaited<ReturnType<typeof outboxWithDraft>>, draft: DraftView) {
  fake.emit('drafts.changed', {
    profileId: 'p1',
    drafts: [{ ...draft, state: 'failed', lastError: { code: 'validation', message: 'refused' } }],
    removedIds: [],
    history: [],
  })
}

const openOutboxButtons = () =>
  [...document.querySelectorAll('button')].filter((b) => b.textContent?.trim() === 'Open the outbox')

describe('a draft that stops', () => {
  it('is a notice with the way to the outbox from another screen', async () => {
    const fake = await outboxWithDraft(alpha, { name: 'alpha-2' })
    fake.emit('app.command', { command: 'go-tokens' })
    await settle()
    stop(fake, fake.drafts.p1![0]!)
    await settle()
    expect(bodyText()).toContain('Not sent: “alpha-2”')
    expect(openOutboxButtons()).toHaveLength(1)
  })

  it('in its own outbox, points at its card without covering it', async () => {
    const fake = await outboxWithDraft(alpha, { name: 'alpha-2' })
    stop(fake, fake.drafts.p1![0]!)
    await settle()
    expect(bodyText()).toContain('Not sent: “alpha-2”. Its card below says what to do.')
    expect(openOutboxButtons()).toHaveLength(0)
  })
})
