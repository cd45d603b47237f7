import { afterEach, describe, expect, it } from 'vitest'
import { makeToken } from '@renderer/test/fake-api'
import { bodyText, button, byRole } from '@renderer/test/dom'
import { settle } from '@renderer/test/mount-app'
import { outboxWithDraft } from '@renderer/test/outbox-screen'

// Discarding a draft in the Outbox loses the change for good: it is asked first (an alert dialog naming
// the change), Cancel keeps it, and once discarded a notice says so — the card and its buttons are gone.

const alpha = makeToken({ id: 1, name: 'alpha' })

const question = () => byRole('alertdialog', 'Discard this change?')

afterEach(() => {
  document.body.innerHTML = ''
})

describe('Discard in the Outbox', () => {
  it('asks first, naming the change; Cancel keeps it', async () => {
    const fake = await outboxWithDraft(alpha, { name: 'alpha-2' })
    button('Discard', byRole('group', 'Edit of “alpha-2”')).click()
    await settle()
    const description = document.getElementById(question().getAttribute('aria-describedby') ?? '')
    expect(description?.textContent).toBe('Edit of “alpha-2”: it is deleted and never reaches the server.')
    button('Cancel', question()).click()
    await settle()
    expect(fake.callsOf('drafts.discard')).toEqual([])
    expect(byRole('group', 'Edit of “alpha-2”')).not.toBeNull()
  })

  it('discards once confirmed, and says so', async () => {
    const fake = await outboxWithDraft(alpha, { name: 'alpha-2' })
    button('Discard', byRole('group', 'Edit of “alpha-2”')).click()
    await settle()
    button('Discard', question()).click()
    await settle()
    expect(fake.callsOf('drafts.discard')).toHaveLength(1)
    expect(bodyText()).toContain('Discarded: Edit of “alpha-2”.')
    expect(bodyText()).toContain('Nothing waits to be sent: every change is on the server.')
    // Marked as good news: a check, not Naive's tray with a cross.
    const mark = document.querySelector('.outbox__empty .n-empty__icon svg')
    expect(mark?.querySelector('circle')).not.toBeNull()
    expect(fake.tokens.p1?.[0]?.name).toBe('alpha')
  })
})
