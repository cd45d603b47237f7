import { afterEach, describe, expect, it, vi } from 'vitest'
import { draftBaseOf } from '@shared/domain/draft-base'
import { DEFAULT_SERVER_FACTS } from '@shared/domain/server-facts'
import { type Token } from '@shared/domain/token'
import { TOKEN_STATUS } from '@shared/domain/token-values'
import { makeToken } from '@renderer/test/fake-api'
import { blur, bodyText, button, byRole, checkbox, inputById, radio, typeInto } from '@renderer/test/dom'
import { mountApp, settle } from '@renderer/test/mount-app'
import BulkEditDialog from './bulk-edit-dialog.vue'

// The bulk edit dialog as a user works it: tick operations, fill them in, read the preview, apply.
// What it hands over (the change and the tokens) is what the bulk job in main will run.

const PACE = { requests: 360, windowSeconds: 180 }
const nowSeconds = Math.floor(Date.now() / 1000)

const onShow = vi.fn()

async function open(tokens: Token[]) {
  const onApply = vi.fn()
  onShow.mockReset()
  mountApp(BulkEditDialog, {
    props: {
      show: true,
      'onUpdate:show': onShow,
      tokens: tokens.map(draftBaseOf),
      facts: DEFAULT_SERVER_FACTS,
      pace: PACE,
      catalog: null,
      groupModels: null,
      onApply,
    },
  })
  await settle()
  return onApply
}

async function tick(name: string): Promise<void> {
  checkbox(name).click()
  await settle()
}

const applyButton = () =>
  [...document.querySelectorAll('button')].find((b) =>
    /^(Apply|Delete)( |$)/.test(b.textContent?.trim() ?? ''),
  )!

afterEach(() => {
  document.body.innerHTML = ''
})

describe('bulk edit dialog', () => {
  it('sends only the ticked operations, with every token in the order given', async () => {
    const onApply = await open([makeToken({ id: 3, name: 'gamma' }), makeToken({ id: 1, name: 'alpha' })])
    expect(applyButton().disabled).toBe(true)
    // Nothing to send yet: no count that would contradict the title's, and the reason said once.
    expect(applyButton().textContent?.trim()).toBe('Apply')
    expect(bodyText().split('Tick at least one field to change.')).toHaveLength(2)

    await tick('Remaining quota')
    // Each set of choices is a radio group named for what it chooses.
    expect(byRole('radiogroup', 'What to do').textContent).toContain('Change fields')
    expect(byRole('radiogroup', 'How to change the quota')).not.toBeNull()
    // Text that is no amount is said so at the field, as in the editor.
    typeInto(inputById('bulk-quota-amount'), 'lots')
    blur(inputById('bulk-quota-amount'))
    await settle()
    expect(bodyText()).toContain('“lots” is not an amount. Type a number, such as 12.50.')
    typeInto(inputById('bulk-quota-amount'), '25')
    blur(inputById('bulk-quota-amount'))
    await tick('Rename')
    typeInto(inputById('bulk-rename-text'), 'team-')
    await settle()
    // Typed, then unticked: the quota must not ride along.
    await tick('Remaining quota')

    expect(applyButton().textContent).toContain('Apply to 2 tokens')
    applyButton().click()
    await settle()
    expect(onApply).toHaveBeenCalledTimes(1)
    expect(onApply.mock.calls[0]).toEqual([
      { kind: 'edit', rename: { mode: 'prefix', text: 'team-' } },
      [3, 1],
    ])
  })

  it('converts the quota from the server’s currency and subtracts as a negative amount', async () => {
    const onApply = await open([makeToken({ id: 1, name: 'alpha', remain_quota: 10_000_000 })])
    await tick('Remaining quota')
    radio('Subtract').click()
    typeInto(inputById('bulk-quota-amount'), '4')
    await settle()
    // $4 at 500,000 units per dollar; $20 → $16 in the preview — while the amount is still being typed
    // (the field is not left before Apply is clicked), and as typed, not yet written out as "$4.00".
    expect(bodyText()).toContain('Remaining quota: $20.00 → $16.00')
    expect(inputById('bulk-quota-amount').value).toBe('4')
    blur(inputById('bulk-quota-amount'))
    await settle()
    expect(inputById('bulk-quota-amount').value).toBe('$4.00')
    applyButton().click()
    expect(onApply.mock.calls[0]?.[0]).toEqual({ kind: 'edit', quota: { mode: 'add', delta: -2_000_000 } })
  })

  it('previews before → after per token with a live example, warnings counted, and unchanged tokens', async () => {
    await open([
      makeToken({ id: 1, name: 'alpha', status: TOKEN_STATUS.disabled, expired_time: nowSeconds - 3600 }),
      makeToken({ id: 2, name: 'beta', status: TOKEN_STATUS.disabled }),
      makeToken({ id: 3, name: 'gamma', status: TOKEN_STATUS.enabled }),
    ])
    await tick('Rename')
    radio('Pattern').click()
    await settle()
    typeInto(inputById('bulk-rename-text'), 'team-{n}')
    await tick('Enable or disable')
    await settle()

    // The example names the first and the last token of the selection.
    expect(bodyText()).toContain('alpha → team-1')
    expect(bodyText()).toContain('gamma → team-3')
    expect(bodyText()).toContain('Name: beta → team-2')
    expect(bodyText()).toContain('Status: Disabled → Enabled')
    expect(bodyText()).toContain('It is expired: enabling it does not make it usable')
    expect(bodyText()).toContain('3 to change · 1 with warnings')
    expect(bodyText()).toContain('1 expired: enabling does not make them usable')
    // Reads before PUTs, and the status calls of the two disabled tokens.
    expect(bodyText()).toContain('8 requests')

    // Only the rename, on tokens already so named: nothing to send.
    await tick('Enable or disable')
    typeInto(inputById('bulk-rename-text'), '{name}')
    await settle()
    expect(bodyText()).toContain('3 unchanged')
    expect(bodyText()).toContain('Nothing would change')
    expect(applyButton().disabled).toBe(true)
  })

  it('names the issue of a ticked operation and keeps Apply off while every token is refused', async () => {
    await open([makeToken({ id: 1, name: 'alpha' }), makeToken({ id: 2, name: 'beta' })])
    await tick('Rename')
    radio('Pattern').click()
    await settle()
    typeInto(inputById('bulk-rename-text'), 'key-{nmae}')
    await settle()
    expect(bodyText()).toContain('{nmae} is not a placeholder.')
    expect(applyButton().disabled).toBe(true)

    typeInto(inputById('bulk-rename-text'), 'x'.repeat(60))
    await settle()
    expect(bodyText()).toContain('2 cannot be changed')
    expect(bodyText()).toContain('At most 50 bytes')
    expect(bodyText()).toContain('None of the tokens can be changed this way')
    expect(applyButton().disabled).toBe(true)
  })

  it('says nothing of an empty field just ticked, and names it once the focus has left it', async () => {
    await open([makeToken({ id: 1, name: 'alpha' }), makeToken({ id: 2, name: 'beta' })])
    await tick('Rename')
    expect(bodyText()).not.toContain('Enter the text.')
    expect(applyButton().disabled).toBe(true)
    // Another way of renaming, chosen: its empty field is no mistake yet either.
    radio('Find and replace').click()
    await settle()
    expect(bodyText()).not.toContain('Enter the text')
    const find = inputById('bulk-rename-find')
    find.focus()
    blur(find)
    await settle()
    expect(bodyText()).toContain('Enter the text')
  })

  it('deletes only after a confirmation that names the count', async () => {
    const onApply = await open([makeToken({ id: 1, name: 'alpha' }), makeToken({ id: 2, name: 'beta' })])
    radio('Delete the tokens').click()
    await settle()
    // Named for what it now does, not "Change 2 tokens".
    expect(document.querySelector('[role="dialog"]')?.getAttribute('aria-label')).toBe('Delete 2 tokens')
    // Two deletes fit in one window of the server's limit: they go at once (it said "about 0 s").
    expect(bodyText()).toContain('2 requests · sent at once, within the server’s limit of 360 per 180 s')
    // The preview offers to show what it holds: the tokens to delete, not "changing" or empty choices.
    const choices = [...document.querySelectorAll('input[name="bulk-preview-show"]')].map((input) =>
      input.closest('label')?.textContent?.trim(),
    )
    expect(choices).toEqual(['All', 'To delete'])
    expect(applyButton().textContent).toContain('Delete 2 tokens')
    expect(applyButton().disabled).toBe(true)
    applyButton().click()
    expect(onApply).not.toHaveBeenCalled()

    await tick('Yes, delete 2 tokens')
    expect(applyButton().disabled).toBe(false)
    applyButton().click()
    expect(onApply.mock.calls[0]).toEqual([{ kind: 'delete' }, [1, 2]])
  })

  it('closes at once when nothing was entered', async () => {
    await open([makeToken({ id: 1, name: 'alpha' })])
    button('Cancel').click()
    await settle()
    expect(onShow).toHaveBeenLastCalledWith(false)
  })

  it('asks before losing what was entered, on Cancel and on Escape', async () => {
    await open([makeToken({ id: 1, name: 'alpha' })])
    await tick('Rename')
    typeInto(inputById('bulk-rename-text'), 'team-')
    await settle()
    button('Cancel').click()
    await settle()
    expect(onShow).not.toHaveBeenCalled()
    expect(bodyText()).toContain('Discard your changes?')
    expect(bodyText()).toContain('What you entered has not been saved and will be lost (Change 1 token).')
    // An alert dialog named by its question, and with no ✕ of Naive's, which is named "close" in every
    // language.
    expect(byRole('alertdialog', 'Discard your changes?')).not.toBeNull()
    expect(document.querySelector('[aria-label="close"]')).toBeNull()
    button('Keep editing').click()
    await settle()
    expect(onShow).not.toHaveBeenCalled()
    expect((inputById('bulk-rename-text') as HTMLInputElement).value).toBe('team-')

    // Escape asks the same, and Discard closes.
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true }))
    await settle()
    expect(bodyText()).toContain('Discard your changes?')
    button('Discard').click()
    await settle()
    expect(onShow).toHaveBeenLastCalledWith(false)
  })

  it('previews a thousand tokens with only the rows in view in the page', async () => {
    const tokens = Array.from({ length: 1000 }, (_, index) =>
      makeToken({ id: index + 1, name: `key-${index + 1}` }),
    )
    await open(tokens)
    await tick('Rename')
    typeInto(inputById('bulk-rename-text'), 'x-')
    await settle()
    // A selection this large is previewed once typing pauses; until then Apply waits for it.
    if (!bodyText().includes('1,000 to change')) expect(applyButton().disabled).toBe(true)
    await vi.waitFor(() => expect(bodyText()).toContain('1,000 to change'))
    expect(applyButton().disabled).toBe(false)
    expect(bodyText()).toMatch(/2,000 requests · about \d+ min/)
    const list = document.querySelector('[aria-label="Tokens in the preview"]')!
    const shown = list.querySelectorAll('[role="listitem"]').length
    expect(shown).toBeGreaterThan(0)
    expect(shown).toBeLessThan(100)
    expect(list.textContent).toContain('Name: key-1 → x-key-1')
  })
})
