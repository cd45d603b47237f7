import { afterEach, describe, expect, it } from 'vitest'
import type { DraftConflict } from '@shared/domain/draft'
import { draftBaseOf } from '@shared/domain/draft-base'
import { makeToken } from '@renderer/test/fake-api'
import { bodyText, button, byRole, radio, typeInto } from '@renderer/test/dom'
import { settle } from '@renderer/test/mount-app'
import { outboxWithDraft } from '@renderer/test/outbox-screen'

// A conflict answered with a value of the user's own: when main finds it not valid, the reason shows at
// that field (the input marked invalid and described by it), and nothing else claims it was resolved.
// A quota set while the server's was topped up: the amounts in the server's currency, and the choice.

const DOLLAR = 500_000
const alpha = makeToken({ id: 1, name: 'alpha', allow_ips: '' })

/** An edit of alpha kept as a draft, then stopped with `conflict`. */
async function outboxWithConflict(conflict: DraftConflict = ipConflict) {
  const fake = await outboxWithDraft(alpha, { allow_ips: '10.0.0.1' })
  const [draft] = fake.drafts.p1!
  fake.emit('drafts.changed', {
    profileId: 'p1',
    drafts: [{ ...draft!, state: 'conflict', conflict }],
    removedIds: [],
    history: [],
  })
  await settle()
  return fake
}

/** The server's IP list changed meanwhile. */
const ipConflict: DraftConflict = {
  kind: 'fields',
  fields: [{ field: 'allow_ips', base: '', mine: '10.0.0.1', theirs: '192.168.0.0/16' }],
  theirs: { ...draftBaseOf(alpha), allow_ips: '192.168.0.0/16' },
}

/** $7 set while the server's $20 was used down to $19.50 and topped up by $10. */
const quotaConflict: DraftConflict = {
  kind: 'fields',
  fields: [],
  quota: { base: 20 * DOLLAR, mine: 7 * DOLLAR, theirs: 29.5 * DOLLAR, moved: 10 * DOLLAR },
  theirs: { ...draftBaseOf(alpha), remain_quota: 29.5 * DOLLAR },
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('answering a conflict in the Outbox', () => {
  it('shows main’s reason at the field typed in, and does not say it was resolved', async () => {
    const fake = await outboxWithConflict()
    const card = byRole('group', 'Edit of “alpha”')
    radio('Another value:', card).click()
    await settle()
    const input = card.querySelector<HTMLTextAreaElement>('textarea')!
    typeInto(input, '10.0.0.1\nbad-ip')
    fake.failNext('drafts.resolve', {
      code: 'validation',
      message: 'A value chosen is not valid; the draft still waits for your choice.',
      details: {
        fields: [{ path: 'allow_ips', key: 'allowIps.invalid', params: { line: 2, entry: 'bad-ip' } }],
      },
    })
    button('Apply and send', card).click()
    await settle()
    const issue = document.getElementById(input.getAttribute('aria-describedby') ?? '')
    expect(input.getAttribute('aria-invalid')).toBe('true')
    expect(issue?.textContent?.trim()).toBe('Line 2 is not an IP address or CIDR range: “bad-ip”')
    expect(bodyText()).not.toContain('Resolved: the draft is sent again.')
  })

  it('shows a quota set over a top-up in money, and sends the choice of both', async () => {
    const fake = await outboxWithConflict(quotaConflict)
    const card = byRole('group', 'Edit of “alpha”')
    const text = card.textContent ?? ''
    expect(text).toContain('When you edited: $20.00')
    expect(text).toContain('changed by +$10.00 since you edited')
    expect(text).toContain('Keep mine: $7.00')
    expect(text).toContain('Take the server’s: $29.50')
    radio('Both: $17.00 (yours, with the server’s +$10.00)', card).click()
    await settle()
    button('Apply and send', card).click()
    await settle()
    expect(fake.callsOf('drafts.resolve')).toEqual([
      expect.objectContaining({ resolution: { kind: 'fields', choices: [], quota: 'both' } }),
    ])
  })
})
