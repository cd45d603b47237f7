import { afterEach, describe, expect, it } from 'vitest'
import { makeToken } from '@renderer/test/fake-api'
import { bodyText, button } from '@renderer/test/dom'
import { settle } from '@renderer/test/mount-app'
import { outboxWithDraft } from '@renderer/test/outbox-screen'

// The Outbox's "Send all" says how it went: every change sent, some refused (each says why), or kept
// until the server can be reached. A click that left everything as it was once said nothing at all.

const alpha = makeToken({ id: 1, name: 'alpha' })

const outboxWithAlphaDraft = (offline = false) => outboxWithDraft(alpha, { name: 'alpha-2' }, { offline })

afterEach(() => {
  document.body.innerHTML = ''
})

describe('Send all in the Outbox', () => {
  it('offers no "send by itself" switch on a production server, where nothing is sent by itself', async () => {
    await outboxWithDraft(alpha, { name: 'alpha-2' }, { production: true })
    expect(
      document.querySelector('[role="switch"][aria-label="Send by itself when the server is reachable"]'),
    ).toBeNull()
    document.body.innerHTML = ''
    await outboxWithAlphaDraft()
    expect(
      document.querySelector('[role="switch"][aria-label="Send by itself when the server is reachable"]'),
    ).not.toBeNull()
  })

  it('says every change was sent', async () => {
    const fake = await outboxWithAlphaDraft()
    button('Send all').click()
    await settle()
    expect(bodyText()).toContain('Every change was sent.')
    expect(fake.tokens.p1?.[0]?.name).toBe('alpha-2')
  })

  it('says how many were not sent when the check refuses one', async () => {
    const fake = await outboxWithAlphaDraft()
    fake.refuseNext([{ path: 'name', key: 'name.tooLong', params: { max: 50 } }])
    button('Send all').click()
    await settle()
    expect(bodyText()).toContain('1 change was not sent: its reason is shown with it.')
    expect(bodyText()).not.toContain('Every change was sent.')
  })

  it('says the changes wait for the server when it cannot be reached', async () => {
    await outboxWithAlphaDraft(true)
    button('Send all').click()
    await settle()
    expect(bodyText()).toContain('1 change waits for the server: it is sent when the server can be reached.')
  })

  it('says why it is off while every change is on its way', async () => {
    const fake = await outboxWithAlphaDraft()
    expect(bodyText()).not.toContain('Everything here is on its way.')
    // The server's request limit holds the send: the draft stays "sending".
    fake.network.heldUntil = Date.now() + 60_000
    button('Send all').click()
    await settle()
    expect(bodyText()).toContain('1 change is on its way to the server and goes out by itself.')
    expect(bodyText()).not.toContain('when the server can be reached')
    expect(button('Send all').disabled).toBe(true)
    const why = document.getElementById(button('Send all').getAttribute('aria-describedby')!)
    expect(why?.textContent).toBe('Everything here is on its way.')
  })
})
