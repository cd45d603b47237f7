import { afterEach, describe, expect, it } from 'vitest'
import { addCalendarMonths } from '@shared/domain/expiry-presets'
import { REVIVE_DAYS } from '@shared/domain/revive-token'
import { DEFAULT_SERVER_FACTS, type ServerFacts } from '@shared/domain/server-facts'
import { type Token } from '@shared/domain/token'
import { TOKEN_STATUS } from '@shared/domain/token-values'
import { createFakeApi, makeProfile, makeToken } from '@renderer/test/fake-api'
import { fakeKeyOf } from '@renderer/test/fake-keys'
import { blur, bodyText, button, inputById, typeInto } from '@renderer/test/dom'
import { mountApp, settle } from '@renderer/test/mount-app'
import { useProfilesStore } from '@renderer/stores/profiles'
import { switchLocale } from '@renderer/i18n'
import TokensView from '@renderer/views/tokens-view.vue'

// The token editor's controls, each through the real editor in the token view with the fake bridge:
// what the user sees, what is refused before anything is sent, and what is handed to main.

const nowSeconds = Math.floor(Date.now() / 1000)
const DAY = 86_400

async function open(tokens: Token[], server: Partial<ServerFacts> = {}) {
  const profile = makeProfile({ id: 'p1', server: { ...DEFAULT_SERVER_FACTS, ...server } })
  const fake = createFakeApi({ profiles: [profile], tokens: { p1: tokens } })
  const { i18n } = mountApp(TokensView, { fake })
  await useProfilesStore().hydrate()
  await settle()
  return Object.assign(fake, { i18n })
}

/** Turns on "Restrict models" in the open editor (its list is then empty). */
async function restrictModels(): Promise<void> {
  const restrict = [...document.querySelectorAll<HTMLElement>('[role="switch"]')].find((element) =>
    element.closest('.n-form-item')?.textContent?.includes('Restrict models'),
  )!
  restrict.click()
  await settle()
}

async function edit(name: string): Promise<void> {
  button(`Edit token ${name}`).click()
  await settle()
}

const sent = (fake: Awaited<ReturnType<typeof open>>, channel: 'drafts.save' | 'drafts.create') =>
  fake.callsOf(channel).filter((call) => (call as { mode: string }).mode !== 'hold') as Record<
    string,
    unknown
  >[]

function radio(name: string): HTMLInputElement {
  const found = [...document.querySelectorAll<HTMLInputElement>('input[type="radio"]')].find(
    (input) => input.closest('label')?.textContent?.trim() === name,
  )
  if (!found) throw new Error(`no radio "${name}"`)
  return found
}

afterEach(() => {
  document.body.innerHTML = ''
})

// Each test mounts the whole token view; on a loaded machine the first mount alone can take seconds.
/** What a control is described by, as assistive technology reads it (its aria-describedby texts). */
const description = (control: Element) =>
  (control.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .map((id) => document.getElementById(id)?.textContent?.trim() ?? '')
    .filter(Boolean)
    .join(' ')

describe('token editor fields', { timeout: 20_000 }, () => {
  it('counts the name in UTF-8 bytes against the server’s own limit and refuses more', async () => {
    const fake = await open([makeToken({ id: 1, name: 'alpha' })], { maxNameBytes: 30 })
    await edit('alpha')
    // A side panel beside the table, which stays in reach: not announced as modal.
    const panel = document.querySelector('[role="dialog"][aria-label="Edit token alpha"]')
    expect(panel).not.toBeNull()
    expect(panel?.hasAttribute('aria-modal')).toBe(false)
    expect(bodyText()).toContain('5 / 30 bytes')
    typeInto(inputById('token-name'), '令'.repeat(10) + 'x') // 31 bytes, 11 characters
    await settle()
    expect(bodyText()).toContain('31 / 30 bytes')
    expect(bodyText()).toContain('At most 30 bytes')
    // Read with the field: marked invalid, and described by its count and its issue.
    expect(inputById('token-name').getAttribute('aria-invalid')).toBe('true')
    expect(description(inputById('token-name'))).toContain('31 / 30 bytes')
    expect(description(inputById('token-name'))).toContain('At most 30 bytes')
    button('Save').click()
    await settle()
    expect(sent(fake, 'drafts.save')).toEqual([])
    expect(document.querySelector('[role="dialog"]')).not.toBeNull()
  })

  it('shows quota as the table does with the raw units, and sends "add / subtract" as a change', async () => {
    const fake = await open([makeToken({ id: 1, name: 'alpha', remain_quota: 249_997_000_000 })])
    await edit('alpha')
    expect(inputById('token-quota').value).toBe('$499,994.00')
    expect(bodyText()).toContain('= 249,997,000,000 quota units')
    typeInto(inputById('token-quota'), '0.000002')
    await settle()
    expect(bodyText()).toContain('= 1 quota unit')
    expect(bodyText()).not.toContain('= 1 quota units')

    radio('Add / subtract').click()
    await settle()
    typeInto(inputById('token-quota'), '-4')
    blur(inputById('token-quota'))
    await settle()
    expect(inputById('token-quota').value).toBe('−$4.00')
    expect(bodyText()).toContain('−2,000,000 quota units → about $499,990.00')
    button('Save').click()
    await settle()
    expect(sent(fake, 'drafts.save')).toEqual([
      expect.objectContaining({ changes: {}, quota: { mode: 'add', delta: -2_000_000 } }),
    ])
  })

  it('says where a subtraction below zero would leave the quota, with one minus sign, and refuses it', async () => {
    const fake = await open([makeToken({ id: 1, name: 'alpha', remain_quota: 12_000 })])
    await edit('alpha')
    radio('Add / subtract').click()
    await settle()
    typeInto(inputById('token-quota'), '-5')
    blur(inputById('token-quota'))
    await settle()
    // Usage meanwhile lowers the quota further: "less", not "plus".
    expect(bodyText()).toContain(
      '−2,500,000 quota units → about −$4.98 (−2,488,000 units), less usage meanwhile',
    )
    // Said as typed, before Save; and the table, which shows the edit, writes the amount the same way.
    expect(bodyText()).toContain('The quota cannot go below zero.')
    await new Promise((resolve) => setTimeout(resolve, 400))
    await settle()
    expect(document.querySelector('[data-token-id="1"]')?.textContent).toContain('−$4.98')
    button('Save').click()
    await settle()
    expect(sent(fake, 'drafts.save')).toEqual([])
    expect(bodyText()).toContain('The quota cannot go below zero.')
  })

  it('refuses an amount that reads as no amount in either mode, by Ctrl+S too, and keeps what was typed', async () => {
    const fake = await open([makeToken({ id: 1, name: 'alpha' })])
    await edit('alpha')
    radio('Add / subtract').click()
    await settle()
    const quota = inputById('token-quota')
    // A letter O for a zero, and Ctrl+S before the field is left: not "nothing to add".
    typeInto(quota, '1O')
    quota.dispatchEvent(new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true }))
    await settle()
    expect(sent(fake, 'drafts.save')).toEqual([])
    expect(bodyText()).not.toContain('Nothing changed')
    expect(bodyText()).toContain('“1O” is not an amount. Type a number, such as 12.50.')
    expect(inputById('token-quota').value).toBe('1O')
    // A draft cannot keep it either: said at the field, nothing saved.
    button('Save as draft').click()
    await settle()
    expect(fake.callsOf('drafts.save')).toEqual([])
    expect(bodyText()).toContain('“1O” is not an amount.')
    // Put right, it is sent as the change it is.
    typeInto(inputById('token-quota'), '10')
    button('Save').click()
    await settle()
    expect(sent(fake, 'drafts.save')).toEqual([
      expect.objectContaining({ quota: { mode: 'add', delta: 5_000_000 } }),
    ])
  })

  it('keeps a draft that breaks a rule, and says which fields stop it from being sent', async () => {
    const fake = await open([makeToken({ id: 1, name: 'alpha' })])
    await edit('alpha')
    typeInto(inputById('token-allow-ips'), '10.0.0.1\nnope')
    await settle()
    button('Save as draft').click()
    await settle()
    expect(fake.callsOf('drafts.save')).toEqual([
      expect.objectContaining({ mode: 'hold', changes: { allow_ips: '10.0.0.1\nnope' } }),
    ])
    expect(bodyText()).toContain(
      'Saved as a draft, but it cannot be sent as it is: correct IP whitelist first',
    )
  })

  it('sets an amount typed in the server currency, grouping and symbol ignored', async () => {
    const fake = await open([makeToken({ id: 1, name: 'alpha' })], { displayType: 'CNY' })
    await edit('alpha')
    expect(inputById('token-quota').value).toBe('¥73.00') // 5,000,000 units at 7.3 ¥ per $
    // Text that is no amount stays as typed, and the field says what is wrong with it once left.
    typeInto(inputById('token-quota'), 'abc')
    blur(inputById('token-quota'))
    await settle()
    expect(inputById('token-quota').value).toBe('abc')
    expect(bodyText()).toContain('“abc” is not an amount. Type a number, such as 12.50.')
    expect(bodyText()).not.toContain('Enter an amount.')
    typeInto(inputById('token-quota'), '¥1,460')
    await settle()
    expect(bodyText()).not.toContain('is not an amount')
    blur(inputById('token-quota'))
    await settle()
    expect(inputById('token-quota').value).toBe('¥1,460.00')
    // One error, then another, then a good amount: nothing of the errors is left.
    const said = {
      abc: '“abc” is not an amount.',
      '-5': 'The quota cannot go below zero.',
      '１２．５': null, // full-width, as a Chinese input method types it: ¥12.50
      '999999999999': 'The amount is too large',
    }
    for (const [bad, message] of Object.entries(said)) {
      typeInto(inputById('token-quota'), bad)
      blur(inputById('token-quota'))
      await settle()
      if (message) expect(bodyText()).toContain(message)
      else expect(inputById('token-quota').value).toBe('¥12.50')
    }
    typeInto(inputById('token-quota'), '1460')
    blur(inputById('token-quota'))
    await settle()
    expect(bodyText()).not.toContain('is not an amount')
    expect(bodyText()).not.toContain('below zero')
    expect(bodyText()).not.toContain('too large')
    expect(inputById('token-quota').value).toBe('¥1,460.00')
    button('Save').click()
    await settle()
    expect(sent(fake, 'drafts.save')).toEqual([
      expect.objectContaining({ quota: { mode: 'set', value: 100_000_000 } }),
    ])
  })

  it('extends the current expiry by a calendar month, or counts presets from now', async () => {
    const expiry = nowSeconds + 10 * DAY
    const fake = await open([makeToken({ id: 1, name: 'alpha', expired_time: expiry })])
    await edit('alpha')
    radio('From current expiry').click()
    await settle()
    button('+1 month').click()
    await settle()
    button('Save').click()
    await settle()
    const changes = sent(fake, 'drafts.save')[0]?.changes as { expired_time: number }
    expect(changes.expired_time).toBe(Math.floor(addCalendarMonths(expiry * 1000, 1) / 1000))
  })

  it('counts a preset from now when the token never expires, and offers no "from current expiry"', async () => {
    const fake = await open([makeToken({ id: 1, name: 'alpha' })])
    await edit('alpha')
    expect(bodyText()).not.toContain('From current expiry')
    const before = Date.now()
    button('+7 days').click()
    await settle()
    button('Save').click()
    await settle()
    const changes = sent(fake, 'drafts.save')[0]?.changes as { expired_time: number }
    expect(changes.expired_time).toBeGreaterThanOrEqual(Math.floor(before / 1000) + 7 * DAY)
    expect(changes.expired_time).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 7 * DAY)
  })

  it('says an empty model list once: warned as shown, then the save’s own error in its place', async () => {
    const fake = await open([makeToken({ id: 1, name: 'alpha' })])
    await edit('alpha')
    await restrictModels()
    expect(bodyText()).toContain('this token can use no model at all')
    button('Save').click()
    await settle()
    expect(sent(fake, 'drafts.save')).toEqual([])
    expect(bodyText()).toContain('Add at least one model, or turn off the restriction')
    expect(bodyText()).not.toContain('this token can use no model at all')
  })

  it('says a refusal already shown in the new language when the language is switched', async () => {
    const fake = await open([makeToken({ id: 1, name: 'alpha' })])
    await edit('alpha')
    await restrictModels()
    button('Save').click()
    await settle()
    const english = [
      'Please correct the marked fields.',
      'Add at least one model, or turn off the restriction',
    ]
    for (const text of english) expect(bodyText()).toContain(text)
    expect(await switchLocale(fake.i18n.global, 'zh-CN', false)).toBe(true)
    await settle()
    const t = fake.i18n.global.t
    expect(bodyText()).toContain(t('editor.checkFields'))
    expect(bodyText()).toContain(t('fields.modelLimits.emptyEnabled'))
    for (const text of english) expect(bodyText()).not.toContain(text)
  })

  it('says an expiry in the past as soon as it is shown, not only on Save', async () => {
    await open([makeToken({ id: 1, name: 'alpha', expired_time: nowSeconds - DAY })])
    await edit('alpha')
    expect(bodyText()).toContain('The expiry must lie in the future.')
    button('+7 days').click()
    await settle()
    expect(bodyText()).not.toContain('The expiry must lie in the future.')
  })

  it('names the bad IP line by number and text as it is typed, and sends nothing', async () => {
    const fake = await open([makeToken({ id: 1, name: 'alpha' })])
    await edit('alpha')
    const ips = inputById('token-allow-ips') as unknown as HTMLTextAreaElement
    expect(ips.placeholder).toMatch(/^One IP or CIDR per line, e\.g\./)
    typeInto(ips, '10.0.0.0/8\n2001:db8::/32\n192.168.1.300')
    await settle()
    expect(bodyText()).toContain('Line 3 is not an IP address or CIDR range: “192.168.1.300”')
    expect(ips.getAttribute('aria-invalid')).toBe('true')
    expect(description(ips)).toContain('Line 3 is not an IP address or CIDR range: “192.168.1.300”')
    typeInto(ips, 'nope\n10.0.0.1\n1.2.3.4/33')
    await settle()
    expect(bodyText()).toContain('Lines 1, 3 are not IP addresses or CIDR ranges (line 1: “nope”)')
    button('Save').click()
    await settle()
    expect(sent(fake, 'drafts.save')).toEqual([])
    // Put right, the field is valid again and described by its help alone.
    typeInto(ips, '10.0.0.1')
    await settle()
    expect(ips.hasAttribute('aria-invalid')).toBe(false)
    expect(description(ips)).toBe('One IP address or CIDR range per line. Leave empty to allow every IP.')
  })

  it('creates several tokens as one create of their quantity, previewing the numbered names', async () => {
    const fake = await open([makeToken({ id: 1, name: 'bot-2' })], { defaultUseAutoGroup: true })
    button('New token').click()
    await settle()
    // The server's default for new tokens: Auto, as the group select shows it.
    expect(inputById('token-group').closest('.n-select')?.textContent).toContain('Auto')
    typeInto(inputById('token-name'), 'bot')
    // Taken as typed, not only when the field loses the focus: Ctrl+S straight after it saves 3.
    typeInto(inputById('token-quantity'), '3')
    await settle()
    expect(bodyText()).toContain('Names: bot-3 … bot-5 (3 tokens). The byte count is of the longest.')
    button('Create').click()
    await settle()
    // Main numbers and splits the batch when it queues it (tests/core/drafts-batch.test.ts).
    const creates = sent(fake, 'drafts.create')
    expect(creates).toEqual([
      expect.objectContaining({
        quantity: 3,
        fields: expect.objectContaining({ name: 'bot', group: 'auto' }),
      }),
    ])
    expect(bodyText()).toContain('3 tokens created or queued to be created.')
  })

  it('offers the key of a token just created, revealed only when asked for', async () => {
    const fake = await open([makeToken({ id: 1, name: 'old' })])
    button('New token').click()
    await settle()
    typeInto(inputById('token-name'), 'for-acme')
    button('Create').click()
    await settle()
    const made = fake.tokens['p1']!.find((token) => token.name === 'for-acme')!
    const notice = [...document.querySelectorAll<HTMLElement>('.n-notification')].find((element) =>
      element.textContent?.includes('Token “for-acme” created.'),
    )!
    expect(notice).toBeDefined()
    expect(fake.callsOf('keys.copy')).toEqual([])
    button('Copy key', notice).click()
    await settle()
    expect(fake.callsOf('keys.copy')).toEqual([{ profileId: 'p1', tokenIds: [made.id], format: 'keys' }])
    expect(await navigator.clipboard.readText()).toBe(fakeKeyOf(made.id))
    expect(bodyText()).toContain('Key copied to the clipboard.')
  })

  it('takes the focus to the new token’s key actions once its row is in the table', async () => {
    await open([makeToken({ id: 1, name: 'old' })])
    const newToken = button('New token')
    newToken.focus()
    newToken.click()
    await settle()
    typeInto(inputById('token-name'), 'for-acme')
    button('Create').click()
    await settle()
    await new Promise((resolve) => requestAnimationFrame(resolve))
    await settle()
    const focused = document.activeElement as HTMLElement
    expect(focused.dataset.action).toBe('keys')
    expect(focused.closest<HTMLElement>('[data-token-id]')?.textContent).toContain('for-acme')
  })

  it('leaves the focus on New token when a search hides the token just created', async () => {
    await open([makeToken({ id: 1, name: 'old' })])
    typeInto(document.querySelector<HTMLInputElement>('input[aria-label="Search tokens"]')!, 'old')
    await settle()
    const newToken = button('New token')
    newToken.focus()
    newToken.click()
    await settle()
    typeInto(inputById('token-name'), 'for-acme')
    button('Create').click()
    await settle()
    await new Promise((resolve) => requestAnimationFrame(resolve))
    await settle()
    expect(document.activeElement).toBe(newToken)
    expect(bodyText()).toContain('Token “for-acme” created.')
  })

  it('says what a quantity typed out of bounds or with a fraction is taken as, until the field is left', async () => {
    const fake = await open([])
    button('New token').click()
    await settle()
    const quantity = inputById('token-quantity')
    expect(quantity.getAttribute('role')).toBe('spinbutton')
    expect(quantity.getAttribute('aria-valuemax')).toBe('100')
    typeInto(quantity, '101')
    await settle()
    expect(bodyText()).toContain('Taken as 100')
    expect(quantity.getAttribute('aria-valuenow')).toBe('100')
    typeInto(quantity, '2.5')
    await settle()
    expect(bodyText()).toContain('Taken as 3')
    typeInto(quantity, '4')
    await settle()
    expect(bodyText()).not.toContain('Taken as')
    // Not a number: the one from before stays, and the note says so.
    typeInto(quantity, '4x')
    await settle()
    expect(bodyText()).toContain('Taken as 4')
    typeInto(quantity, '4')
    await settle()
    expect(bodyText()).not.toContain('Taken as')
    // Naive's own field passes on nothing out of bounds while typing: 10, then 101, stayed 10.
    typeInto(quantity, '10')
    typeInto(quantity, '101')
    await settle()
    typeInto(inputById('token-name'), 'bot')
    button('Create').click()
    await settle()
    expect(sent(fake, 'drafts.create')).toEqual([expect.objectContaining({ quantity: 100 })])
  })

  it('shows the number kept in the field once it is left', async () => {
    await open([])
    button('New token').click()
    await settle()
    const quantity = inputById('token-quantity')
    typeInto(quantity, '250')
    blur(quantity)
    await settle()
    // Left: the field itself now shows the number kept.
    expect(bodyText()).not.toContain('Taken as')
    expect(quantity.value).toBe('100')
  })

  it('refuses a batch whose numbered names would pass the name limit', async () => {
    const fake = await open([], { maxNameBytes: 30 })
    button('New token').click()
    await settle()
    typeInto(inputById('token-name'), 'x'.repeat(28))
    typeInto(inputById('token-quantity'), '12')
    blur(inputById('token-quantity'))
    await settle()
    expect(bodyText()).toContain(`With its number, “${'x'.repeat(28)}-12” is over 30 bytes.`)
    button('Create').click()
    await settle()
    expect(sent(fake, 'drafts.create')).toEqual([])
  })

  it('revives an expired token in one click: 30 more days from now, saved', async () => {
    const fake = await open([
      makeToken({ id: 1, name: 'old', expired_time: nowSeconds - DAY, status: TOKEN_STATUS.expired }),
    ])
    await edit('old')
    expect(bodyText()).toContain('This token has expired')
    const before = Math.floor(Date.now() / 1000)
    button('Revive').click()
    await settle()
    const [save] = sent(fake, 'drafts.save')
    const expired = (save?.changes as { expired_time: number }).expired_time
    // "Now" as the editor's clock last ticked: within a minute of the click.
    expect(Math.abs(expired - (before + REVIVE_DAYS * DAY))).toBeLessThanOrEqual(60)
    expect(save).toMatchObject({ quota: null, wantStatus: TOKEN_STATUS.enabled })
  })

  it('revives an exhausted token with the quota it has used so far', async () => {
    const fake = await open([
      makeToken({
        id: 1,
        name: 'spent',
        remain_quota: 0,
        used_quota: 7_500_000,
        status: TOKEN_STATUS.exhausted,
      }),
    ])
    await edit('spent')
    expect(bodyText()).toContain('This token has run out of quota')
    button('Revive').click()
    await settle()
    expect(sent(fake, 'drafts.save')).toEqual([
      expect.objectContaining({ quota: { mode: 'set', value: 7_500_000 }, wantStatus: TOKEN_STATUS.enabled }),
    ])
  })

  it('offers no revival for a usable or disabled token', async () => {
    await open([
      makeToken({ id: 1, name: 'fine' }),
      makeToken({ id: 2, name: 'off', status: TOKEN_STATUS.disabled, expired_time: nowSeconds - DAY }),
    ])
    await edit('fine')
    expect(bodyText()).not.toContain('Revive')
    button('Close').click()
    await settle()
    await edit('off')
    expect(bodyText()).not.toContain('Revive')
  })
})
