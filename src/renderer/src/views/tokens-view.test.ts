import { afterEach, describe, expect, it } from 'vitest'
import { draftBaseOf } from '@shared/domain/draft-base'
import { DEFAULT_SERVER_VIEW } from '@shared/domain/server-view'
import { TOKEN_STATUS } from '@shared/domain/token-values'
import { createFakeApi, makeProfile, makeToken } from '@renderer/test/fake-api'
import { blur, bodyText, button, byRole, checkbox, inputById, typeInto } from '@renderer/test/dom'
import { mountApp, settle } from '@renderer/test/mount-app'
import { openSelect, pressEnter } from '@renderer/test/select'
import { useProfilesStore } from '@renderer/stores/profiles'
import { useServersStore } from '@renderer/stores/servers'
import TokensView from './tokens-view.vue'

const nowSeconds = Math.floor(Date.now() / 1000)
/** Masked as the server masks them: the first and last four characters readable. */
const maskedKey = (id: number) => `sk0${id}**********${id}${id}${id}${id}`
const tokens = [
  makeToken({ id: 1, name: 'alpha', remain_quota: 5_000_000 }), // $10.00
  makeToken({ id: 2, name: 'bravo', expired_time: nowSeconds - 60, status: TOKEN_STATUS.enabled }),
  makeToken({ id: 3, name: 'charlie', unlimited_quota: true, remain_quota: -42 }),
  makeToken({ id: 4, name: 'delta', status: TOKEN_STATUS.disabled, group: 'vip' }),
  makeToken({ id: 5, name: 'echo', remain_quota: 0 }),
].map((token) => ({ ...token, key: maskedKey(token.id) }))

/** The screen on one server with `tokens`; `reading`: its listing is not answered until `release()`. */
async function mountView(options: { reading?: boolean } = {}) {
  const fake = createFakeApi({ profiles: [makeProfile({ id: 'p1' })], tokens: { p1: tokens } })
  const release = options.reading ? fake.holdListing() : () => {}
  const mounted = mountApp(TokensView, { fake })
  await useProfilesStore().hydrate()
  await settle()
  return { ...mounted, release }
}

const tokenRows = () => [
  ...document.querySelectorAll<HTMLElement>(
    '[role="grid"] [role="rowgroup"] + [role="rowgroup"] [role="row"]',
  ),
]

function rowOf(name: string): HTMLElement {
  // The name cell may carry a draft mark after the name.
  const row = tokenRows().find(
    (candidate) => candidate.querySelector('.token-name')?.textContent?.trim() === name,
  )
  if (!row) throw new Error(`no row for ${name}`)
  return row
}

afterEach(() => {
  document.body.innerHTML = ''
})

/** Picks a group in the editor's group select by typing it and pressing Enter (a name not offered is added). */
async function chooseGroup(name: string): Promise<void> {
  const input = inputById('token-group')
  openSelect(input)
  typeInto(input, name)
  await settle()
  pressEnter(input)
  await settle()
}

/** What the editor's group select shows as chosen. */
const groupShown = () => inputById('token-group').closest('.n-select')?.textContent ?? ''

describe('tokens view', () => {
  it('shows the effective status, money and defaults a user needs', async () => {
    await mountView()
    expect(rowOf('alpha').textContent).toContain('Enabled')
    expect(rowOf('alpha').textContent).toContain('$10.00')
    expect(rowOf('alpha').textContent).toContain('Never')
    // The server's groups are read once the rows are drawn, without opening the editor: the user's own
    // group has the one name it has in the editor.
    expect(rowOf('alpha').textContent).toContain('Default (your group: default)')
    // Stored status says enabled, but the expiry has passed.
    expect(rowOf('bravo').textContent).toContain('Expired')
    expect(rowOf('charlie').textContent).toContain('Unlimited')
    expect(rowOf('charlie').textContent).not.toContain('-')
    expect(rowOf('delta').textContent).toContain('Disabled')
    expect(rowOf('delta').textContent).toContain('vip')
    expect(rowOf('echo').textContent).toContain('Exhausted')
  })

  it('starts a new token while the list is still being read', async () => {
    const { release } = await mountView({ reading: true })
    expect(tokenRows()).toHaveLength(0)
    const create = button('New token')
    expect(create.disabled).toBe(false)
    create.click()
    await settle()
    expect(inputById('token-name')).toBeTruthy()
    // A new token has no usage meanwhile: the quota's help about it is for existing tokens only.
    if (!document.getElementById('token-quota'))
      [...document.querySelectorAll<HTMLElement>('[role="switch"]')]
        .find((element) => element.closest('.n-form-item')?.textContent?.includes('Unlimited'))!
        .click()
    await settle()
    typeInto(inputById('token-quota'), '5')
    await settle()
    expect(bodyText()).not.toContain('Only a changed amount is sent')
    release()
    await settle()
  })

  it('shows Refresh busy while the list is read, and a click then does not read it twice', async () => {
    const { fake, release } = await mountView({ reading: true })
    const refresh = button('Refresh')
    expect(refresh.getAttribute('aria-busy')).toBe('true')
    refresh.click()
    await settle()
    release()
    await settle()
    expect(refresh.getAttribute('aria-busy')).toBe('false')
    expect(tokenRows()).toHaveLength(tokens.length)
    // The click while reading asked for nothing more; one now reads the list again.
    expect(fake.callsOf('tokens.list')).toHaveLength(1)
    refresh.click()
    await settle()
    expect(fake.callsOf('tokens.list')).toHaveLength(2)
  })

  it('bulk edits the selection: the change goes to main as one job, whose progress and report show here', async () => {
    const { fake } = await mountView()
    const rowBox = (name: string) =>
      document.querySelector<HTMLInputElement>(`input[aria-label="Select token ${name}"]`)!
    rowBox('alpha').click()
    rowBox('charlie').click()
    await settle()
    button('Bulk edit…').click()
    await settle()
    checkbox('Rename').click()
    await settle()
    typeInto(inputById('bulk-rename-text'), 'team-')
    await settle()
    const apply = [...document.querySelectorAll('button')].find((b) =>
      b.textContent?.trim().startsWith('Apply to 2 tokens'),
    )!
    apply.click()
    await settle()
    expect(fake.callsOf('bulk.start')).toEqual([
      {
        profileId: 'p1',
        tokenIds: [1, 3],
        change: { kind: 'edit', rename: { mode: 'prefix', text: 'team-' } },
      },
    ])
    expect(bodyText()).toContain('Bulk change of 2 tokens')
    expect(bodyText()).toContain('2 waiting')
    const [job] = fake.bulkJobs
    fake.settleBulk(job!.id, {
      1: { state: 'synced', requests: 1, refund: 0 },
      3: {
        state: 'failed',
        error: { code: 'server', message: 'name taken', details: { serverWords: true } },
      },
    })
    await settle()
    expect(bodyText()).toContain('1 succeeded')
    expect(bodyText()).toContain('name taken')
    button('Retry the 1 failed').click()
    await settle()
    expect(fake.callsOf('bulk.control')).toEqual([{ profileId: 'p1', jobId: job!.id, action: 'retryFailed' }])
    // Done, the report is put away from the panel's head: in sight above a long report, not below it.
    fake.settleBulk(job!.id, { 3: { state: 'synced', requests: 1, refund: 0 } })
    await settle()
    const putAway = button('Put the report away')
    expect(putAway.closest('.bulk-job__head')).not.toBeNull()
    putAway.click()
    await settle()
    expect(bodyText()).not.toContain('Bulk change of 2 tokens')
  })

  it('filters by name as the user types', async () => {
    await mountView()
    typeInto(document.querySelector<HTMLInputElement>('input[aria-label="Search tokens"]')!, 'ALP')
    await settle()
    expect(tokenRows()).toHaveLength(1)
    expect(bodyText()).toContain('1 of 5 tokens')
  })

  it('saves only the changed name, without touching the quota, and shows the result', async () => {
    const { fake } = await mountView()
    button('Edit token alpha').click()
    await settle()
    typeInto(inputById('token-name'), 'alpha-renamed')
    await settle()
    // The title shown follows the name as it is typed, as the table's row does; the dialog keeps the
    // name it was opened with for assistive technology.
    const dialog = document.querySelector('[role="dialog"]')!
    expect(dialog.querySelector('.editor-header')?.textContent).toContain('Edit token alpha-renamed')
    expect(dialog.getAttribute('aria-label')).toBe('Edit token alpha')
    button('Save').click()
    await settle()
    expect(fake.callsOf('drafts.save')).toEqual([
      {
        profileId: 'p1',
        draftId: null,
        tokenId: 1,
        base: draftBaseOf(tokens[0]!),
        changes: { name: 'alpha-renamed' },
        quota: null,
        wantStatus: null,
        mode: 'now',
      },
    ])
    expect(rowOf('alpha-renamed').textContent).toContain('$10.00')
    expect(document.querySelector('[role="dialog"]')).toBeNull()
  })

  it('sends the amount as a "set" intent only when the user changed it', async () => {
    const { fake } = await mountView()
    button('Edit token alpha').click()
    await settle()
    typeInto(inputById('token-quota'), '12.5')
    blur(inputById('token-quota')) // the amount is read when the field is left (it is then formatted)
    button('Save').click()
    await settle()
    expect(fake.callsOf('drafts.save')).toEqual([
      expect.objectContaining({ changes: {}, quota: { mode: 'set', value: 6_250_000 }, mode: 'now' }),
    ])
    expect(rowOf('alpha').textContent).toContain('$12.50')
  })

  it('says a refresh of the list shown is a refresh, not a first load of nothing', async () => {
    const { fake } = await mountView()
    const meta = () => document.querySelector('.tokens-toolbar__meta')?.textContent ?? ''
    expect(meta()).toContain('5 of 5 tokens')
    const release = fake.holdListing()
    button('Refresh').click()
    await settle()
    fake.emit('tokens.progress', { profileId: 'p1', loaded: 0, total: null, tokens: [] })
    await settle()
    expect(meta()).toContain('Refreshing from the server…')
    expect(meta()).not.toContain('so far')
    fake.emit('tokens.progress', { profileId: 'p1', loaded: 2, total: 5, tokens: tokens.slice(0, 2) })
    await settle()
    expect(meta()).toContain('Refreshing: 2 of 5 read…')
    release()
    await settle()
    expect(meta()).not.toContain('Refreshing')
  })

  it('leaves the focus where the user went on typing while the editor was still loading', async () => {
    await mountView()
    const search = document.querySelector<HTMLInputElement>('input[aria-label="Search tokens"]')!
    button('Edit token alpha').click()
    // Before the editor is drawn (it loads when first opened; seconds, for one restored at start).
    search.focus()
    search.dispatchEvent(new KeyboardEvent('keydown', { key: 's', bubbles: true, cancelable: true }))
    await settle()
    expect(inputById('token-name').value).toBe('alpha')
    expect(document.activeElement).toBe(search)
    // Opened with nothing pressed after: the name takes the focus, as ever.
    button('Edit token bravo').click()
    await settle()
    expect(document.activeElement).toBe(inputById('token-name'))
    // Its heading is its title, not the header's buttons with it.
    const headings = [...document.querySelectorAll('[role="heading"], h1, h2, h3')]
    expect(headings.map((heading) => heading.textContent?.trim())).toContain('Edit token bravo')
    expect(headings.filter((heading) => heading.textContent?.includes('Close'))).toEqual([])
  })

  it('keeps the drawer and the input when validation fails', async () => {
    const { fake } = await mountView()
    button('Edit token alpha').click()
    await settle()
    typeInto(inputById('token-name'), 'x'.repeat(51))
    typeInto(inputById('token-allow-ips'), '10.0.0.1\nnot-an-ip')
    button('Save').click()
    await settle()
    expect(fake.callsOf('drafts.save').filter((call) => (call as { mode: string }).mode !== 'hold')).toEqual(
      [],
    )
    expect(document.querySelector('[role="dialog"]')).not.toBeNull()
    expect(bodyText()).toContain('At most 50 bytes')
    expect(bodyText()).toContain('Line 2 is not an IP address or CIDR range: “not-an-ip”')
    expect(inputById('token-name').value).toBe('x'.repeat(51))
    // The first marked field takes the focus (and so comes into view, wherever the form was scrolled).
    expect(document.activeElement).toBe(inputById('token-name'))

    // Fixing one field clears its message and leaves the other one standing.
    typeInto(inputById('token-name'), 'short')
    await settle()
    expect(bodyText()).not.toContain('At most 50 bytes')
    expect(bodyText()).toContain('Line 2 is not an IP address or CIDR range: “not-an-ip”')
    expect(bodyText()).toContain('Please correct the marked fields.')
    // With the last one corrected, nothing is left to correct: the summary above the form goes too.
    typeInto(inputById('token-allow-ips'), '10.0.0.1')
    await settle()
    expect(bodyText()).not.toContain('Line 2 is not an IP address')
    expect(bodyText()).not.toContain('Please correct the marked fields.')
  })

  it('keeps the user input and shows the translated server error when saving fails', async () => {
    const { fake } = await mountView()
    button('Edit token alpha').click()
    await settle()
    typeInto(inputById('token-name'), 'gold')
    fake.failNext('drafts.save', {
      code: 'server',
      message: '令牌名称过长',
      details: { serverWords: true },
    })
    button('Save').click()
    await settle()
    expect(document.querySelector('[role="dialog"]')).not.toBeNull()
    expect(bodyText()).toContain('The token was not saved')
    expect(bodyText()).toContain('The server reported an error.')
    expect(bodyText()).toContain('令牌名称过长')
    expect(inputById('token-name').value).toBe('gold')
    expect(rowOf('alpha').textContent).not.toContain('gold')
  })

  it('puts field issues from main next to the field', async () => {
    const { fake } = await mountView()
    button('Edit token alpha').click()
    await settle()
    await chooseGroup('gold')
    fake.failNext('drafts.save', {
      code: 'validation',
      message: 'invalid input',
      details: { fields: [{ path: 'changes.group', key: 'group.spaces' }] },
    })
    button('Save').click()
    await settle()
    const groupItem = inputById('token-group').closest('.n-form-item')
    expect(groupItem?.textContent).toContain('Group names cannot contain spaces.')
  })

  it('marks the fields main refuses, keeps the drawer open and the input kept as a draft', async () => {
    const { fake } = await mountView()
    button('Edit token alpha').click()
    await settle()
    await chooseGroup('gold')
    fake.refuseNext([{ path: 'group', key: 'group.spaces' }])
    button('Save').click()
    await settle()
    expect(document.querySelector('[role="dialog"]')).not.toBeNull()
    const groupItem = inputById('token-group').closest('.n-form-item')
    expect(groupItem?.textContent).toContain('Group names cannot contain spaces.')
    expect(groupShown()).toContain('gold')
    expect(fake.drafts.p1).toEqual([expect.objectContaining({ state: 'held' })])
    expect(fake.tokens.p1!.find((t) => t.name === 'alpha')?.group).not.toBe('gold')
  })

  it('keeps one draft per edit when main answers before its events arrive', async () => {
    const { fake } = await mountView()
    fake.network.offline = true
    fake.lag.eventsMs = 150
    button('Edit token alpha').click()
    await settle()
    typeInto(inputById('token-name'), 'one edit')
    // The pause after typing keeps the input; its answer arrives before the event that lists the draft.
    await new Promise((resolve) => setTimeout(resolve, 360))
    await settle()
    button('Save').click()
    await new Promise((resolve) => setTimeout(resolve, 400))
    await settle()
    expect(fake.drafts.p1).toEqual([
      expect.objectContaining({ changes: { name: 'one edit' }, state: 'pending' }),
    ])
  })

  it('sends nothing twice when the draft open in the editor goes out, whatever arrives first', async () => {
    const { fake } = await mountView()
    fake.network.offline = true
    button('Edit token alpha').click()
    await settle()
    typeInto(inputById('token-name'), 'went out')
    button('Save').click()
    await settle()
    // The editor is opened again on the waiting draft; then main sends it: "being sent", removed, and
    // only after that the token's new row — as main announces them.
    button('Edit token went out').click()
    await settle()
    const waiting = fake.drafts.p1![0]!
    const profileId = 'p1'
    fake.emit('drafts.changed', {
      profileId,
      drafts: [{ ...waiting, state: 'syncing' }],
      removedIds: [],
      history: [],
    })
    fake.drafts.p1!.splice(0)
    fake.emit('drafts.changed', { profileId, drafts: [], removedIds: [waiting.id], history: [] })
    await settle()
    const row = { ...fake.tokens.p1!.find((t) => t.id === 1)!, name: 'went out' }
    fake.tokens.p1![0] = row
    fake.emit('tokens.changed', { profileId, tokens: [row], removedIds: [] })
    await settle()
    expect(inputById('token-name').value).toBe('went out')
    button('Close').click()
    await settle()
    expect(fake.drafts.p1).toEqual([])
    expect(bodyText()).not.toContain('kept as a draft')
  })

  it('keeps typing after the draft was discarded elsewhere in a draft of its own', async () => {
    const { fake } = await mountView()
    button('Edit token alpha').click()
    await settle()
    await chooseGroup('gold')
    await new Promise((resolve) => setTimeout(resolve, 400))
    await settle()
    const first = fake.drafts.p1![0]!
    // Discarded in another window while this editor stays open.
    await fake.api.drafts.discard({ profileId: 'p1', draftId: first.id })
    await settle()
    typeInto(inputById('token-name'), 'renamed too')
    await new Promise((resolve) => setTimeout(resolve, 400))
    await settle()
    expect(fake.drafts.p1).toEqual([
      expect.objectContaining({ changes: { name: 'renamed too', group: 'gold' }, state: 'held' }),
    ])
    expect(fake.drafts.p1![0]!.id).not.toBe(first.id)
  })

  it('keeps an edit as a draft when the server cannot be reached, and marks the row pending', async () => {
    const { fake } = await mountView()
    fake.network.offline = true
    button('Edit token alpha').click()
    await settle()
    typeInto(inputById('token-name'), 'alpha-offline')
    button('Save').click()
    await settle()
    expect(document.querySelector('[role="dialog"]')).toBeNull()
    expect(bodyText()).toContain('is kept and sent when it is back')
    expect(rowOf('alpha-offline').textContent).toContain('Pending')
    expect(fake.tokens.p1!.find((t) => t.id === 1)?.name).toBe('alpha')
  })

  it('says a save waits for room in the server’s request limit, and about how long', async () => {
    const { fake } = await mountView()
    fake.network.heldUntil = Date.now() + 40_000
    await useServersStore().hydrate()
    button('Edit token alpha').click()
    await settle()
    typeInto(inputById('token-name'), 'alpha-held')
    button('Save').click()
    await settle()
    expect(document.querySelector('[role="dialog"]')).toBeNull()
    expect(bodyText()).toMatch(
      /“alpha-held” waits for room in the server’s rate limit and goes out by itself \(next room in about (40|39) s\)\./,
    )
    expect(bodyText()).not.toContain('Sending “alpha-held”')
  })

  it('keeps the input when the editor closes, and brings it back when the token is opened again', async () => {
    const { fake } = await mountView()
    button('Edit token alpha').click()
    await settle()
    typeInto(inputById('token-name'), 'half-typed')
    button('Save as draft').click()
    await settle()
    expect(fake.callsOf('drafts.save')).toEqual([
      expect.objectContaining({ changes: { name: 'half-typed' }, mode: 'hold' }),
    ])
    expect(rowOf('half-typed').textContent).toContain('Draft')
    button('Edit token half-typed').click()
    await settle()
    expect(inputById('token-name').value).toBe('half-typed')
    button('Save').click()
    await settle()
    // The same draft is sent, not a second one.
    const sent = fake.callsOf('drafts.save').at(-1) as { draftId: string | null; mode: string }
    expect(sent).toMatchObject({ mode: 'now' })
    expect(sent.draftId).toBe(fake.callsOf('drafts.save').length > 1 ? sent.draftId : null)
    expect(sent.draftId).not.toBeNull()
    expect(fake.tokens.p1!.find((t) => t.id === 1)?.name).toBe('half-typed')
  })

  it('offers "Discard changes" once there is something to discard, and then drops it', async () => {
    const { fake } = await mountView()
    button('Edit token alpha').click()
    await settle()
    const discard = () => button('Discard changes')
    expect(discard().disabled).toBe(true)
    typeInto(inputById('token-name'), 'typed')
    await settle()
    expect(discard().disabled).toBe(false)
    discard().click()
    await settle()
    // Asked first, as an alert dialog named by its question.
    button('Discard changes', byRole('alertdialog', 'Discard your changes to this token?')).click()
    await settle()
    // Dropped with the editor: reopened, the token is as the server has it, with nothing to discard.
    expect(document.getElementById('token-name')).toBeNull()
    expect(fake.callsOf('drafts.save')).toEqual([])
    button('Edit token alpha').click()
    await settle()
    expect(inputById('token-name').value).toBe('alpha')
    expect(discard().disabled).toBe(true)
  })

  it('discards a new token’s kept input without saying it was created or kept', async () => {
    const { fake } = await mountView()
    button('New token').click()
    await settle()
    typeInto(inputById('token-name'), 'never made')
    // Kept in main as it is typed: a draft exists before the discard.
    await new Promise((resolve) => setTimeout(resolve, 400))
    await settle()
    expect(fake.drafts.p1).toHaveLength(1)
    button('Discard changes').click()
    await settle()
    // Asked first, as an alert dialog named by its question.
    button('Discard changes', byRole('alertdialog', 'Discard your changes to this token?')).click()
    await settle()
    expect(document.getElementById('token-name')).toBeNull()
    expect(fake.drafts.p1).toEqual([])
    expect(fake.tokens.p1!.map((t) => t.name)).not.toContain('never made')
    expect(bodyText()).not.toContain('created')
    expect(bodyText()).not.toContain('kept as a draft')
  })

  it('keeps the token being edited in the table when its new name leaves the search', async () => {
    await mountView()
    typeInto(document.querySelector<HTMLInputElement>('input[aria-label="Search tokens"]')!, 'alph')
    await settle()
    button('Edit token alpha').click()
    await settle()
    typeInto(inputById('token-name'), 'zulu')
    await new Promise((resolve) => setTimeout(resolve, 400))
    await settle()
    expect(tokenRows().map((row) => row.querySelector('.token-name')?.textContent?.trim())).toEqual(['zulu'])
    expect(bodyText()).not.toContain('No tokens')
  })

  it('disables, enables and deletes from the table', async () => {
    const { fake } = await mountView()
    button('Disable token alpha').click()
    await settle()
    expect(fake.callsOf('drafts.save')).toEqual([
      expect.objectContaining({ tokenId: 1, wantStatus: 2, mode: 'now' }),
    ])
    expect(rowOf('alpha').textContent).toContain('Disabled')
    expect(bodyText()).toContain('Token “alpha” updated on the server.')
    button('Enable token alpha').click()
    await settle()
    expect(rowOf('alpha').textContent).toContain('Enabled')
    button('Delete token alpha').click()
    await settle()
    button('Delete', byRole('alertdialog', 'Delete token “alpha” on the server?')).click()
    await settle()
    expect(fake.callsOf('drafts.delete')).toEqual([expect.objectContaining({ tokenId: 1, mode: 'now' })])
    expect(() => rowOf('alpha')).toThrow()
    expect(bodyText()).toContain('Token “alpha” deleted on the server.')
  })

  it('deletes the open token from its editor, asked first, and drops what was typed in it', async () => {
    const { fake } = await mountView()
    button('Edit token alpha').click()
    await settle()
    const editor = byRole('dialog', 'Edit token alpha')
    typeInto(inputById('token-name'), 'typed, then deleted')
    await settle()
    button('Delete', editor).click()
    await settle()
    const confirm = byRole('alertdialog', 'Delete token “alpha” on the server?')
    expect(fake.callsOf('drafts.delete')).toEqual([])
    button('Delete', confirm).click()
    await settle()
    expect(fake.callsOf('drafts.delete')).toEqual([
      expect.objectContaining({ tokenId: 1, base: expect.objectContaining({ name: 'alpha' }), mode: 'now' }),
    ])
    expect(fake.tokens.p1!.some((token) => token.id === 1)).toBe(false)
    expect(fake.callsOf('drafts.save').filter((call) => (call as { mode: string }).mode === 'now')).toEqual(
      [],
    )
    expect(document.querySelector('[role="dialog"][aria-label="Edit token alpha"]')).toBeNull()
    expect(() => rowOf('alpha')).toThrow()
  })

  it('keeps the edit as a draft of its own server when the active server changes', async () => {
    const fake = createFakeApi({
      profiles: [makeProfile({ id: 'p1' }), makeProfile({ id: 'p2', name: 'Other' })],
      tokens: { p1: tokens, p2: [] },
    })
    mountApp(TokensView, { fake })
    const profiles = useProfilesStore()
    await profiles.hydrate()
    await settle()
    button('Edit token alpha').click()
    await settle()
    typeInto(inputById('token-name'), 'kept across the switch')
    // The pause after typing keeps the input in main before the switch: the editor then holds a draft
    // of a server the store stops mirroring, which must not read as "the draft went out".
    await new Promise((resolve) => setTimeout(resolve, 400))
    await settle()
    await profiles.select('p2')
    await settle()
    expect(document.querySelector('[role="dialog"]')).toBeNull()
    expect(bodyText()).toContain('This server has no tokens yet.')
    expect(bodyText()).toContain('kept as a draft')
    expect(fake.drafts.p1).toEqual([
      expect.objectContaining({ tokenId: 1, changes: { name: 'kept across the switch' }, state: 'held' }),
    ])
    expect(fake.callsOf('drafts.save')).not.toContainEqual(expect.objectContaining({ profileId: 'p2' }))
    await profiles.select('p1')
    await settle()
    expect(rowOf('kept across the switch').textContent).toContain('Draft')
  })
})

describe('input taken back', () => {
  it('drops the draft it kept once every field is back to what the server holds', async () => {
    const { fake } = await mountView()
    button('Edit token alpha').click()
    await settle()
    typeInto(inputById('token-name'), 'alpha-x')
    await new Promise((resolve) => setTimeout(resolve, 400))
    await settle()
    expect(fake.drafts.p1).toEqual([expect.objectContaining({ changes: { name: 'alpha-x' } })])
    // Typed back as it was: nothing is left to send, so no draft is left to send it later.
    typeInto(inputById('token-name'), 'alpha')
    await new Promise((resolve) => setTimeout(resolve, 400))
    await settle()
    expect(fake.drafts.p1 ?? []).toEqual([])
    button('Close').click()
    await settle()
    expect(bodyText()).not.toContain('kept as a draft')
    expect(rowOf('alpha').textContent).not.toContain('Draft')
  })

  it('keeps a new token open when its input goes back to the start, and does not say it was created', async () => {
    const { fake } = await mountView()
    button('New token').click()
    await settle()
    typeInto(inputById('token-quantity'), '5')
    await new Promise((resolve) => setTimeout(resolve, 400))
    await settle()
    expect(fake.drafts.p1).toEqual([expect.objectContaining({ kind: 'create' })])
    typeInto(inputById('token-quantity'), '1')
    await new Promise((resolve) => setTimeout(resolve, 400))
    await settle()
    // The draft went because the session let it go, not because it was sent.
    expect(fake.drafts.p1 ?? []).toEqual([])
    expect(document.querySelector('[role="dialog"]')).not.toBeNull()
    expect(bodyText()).not.toContain('created')
  })

  it('keeps a draft the user saved as such, even when later input goes back to it', async () => {
    const { fake } = await mountView()
    button('Edit token alpha').click()
    await settle()
    typeInto(inputById('token-name'), 'alpha-saved')
    button('Save as draft').click()
    await settle()
    button('Edit token alpha-saved').click()
    await settle()
    typeInto(inputById('token-name'), 'alpha-more')
    await new Promise((resolve) => setTimeout(resolve, 400))
    await settle()
    typeInto(inputById('token-name'), 'alpha-saved')
    await new Promise((resolve) => setTimeout(resolve, 400))
    await settle()
    expect(fake.drafts.p1).toEqual([expect.objectContaining({ changes: { name: 'alpha-saved' } })])
  })
})

describe('a draft in conflict', () => {
  it('says so whenever the editor is opened on it, not only when a save finds it', async () => {
    const { fake } = await mountView()
    button('Edit token alpha').click()
    await settle()
    typeInto(inputById('token-name'), 'alpha-mine')
    button('Close').click()
    await settle()
    // Meanwhile a send found the token deleted on the server (as main tells the window).
    const [draft] = fake.drafts.p1!
    fake.emit('drafts.changed', {
      profileId: 'p1',
      drafts: [{ ...draft!, state: 'conflict', conflict: { kind: 'deleted' } }],
      removedIds: [],
      history: [],
    })
    await settle()
    button('Edit token alpha-mine').click()
    await settle()
    expect(bodyText()).toContain('Changed on the server too')
    expect(bodyText()).toContain('The token was deleted on the server.')
  })
})

describe('before main has said which servers there are', () => {
  it('shows the screen it will most likely be, New token waiting, and never "no server"', async () => {
    const fake = createFakeApi({ profiles: [makeProfile({ id: 'p1' })], tokens: { p1: tokens } })
    mountApp(TokensView, { fake })
    await settle()
    // Nothing asked main yet (the shell does): as in the first frames of every start.
    expect(bodyText()).not.toContain('Go to servers')
    expect(button('New token').disabled).toBe(true)
    await useProfilesStore().hydrate()
    await settle()
    expect(button('New token').disabled).toBe(false)
    expect(tokenRows()).toHaveLength(tokens.length)
  })

  it('says there is no server once main has answered none, or could not answer', async () => {
    const none = createFakeApi({ profiles: [] })
    mountApp(TokensView, { fake: none })
    await useProfilesStore().hydrate()
    await settle()
    expect(bodyText()).toContain('Go to servers')
    document.body.innerHTML = ''

    const broken = createFakeApi({ profiles: [makeProfile({ id: 'p1' })] })
    broken.failNext('profiles.list', { code: 'internal', message: 'store unreadable' })
    mountApp(TokensView, { fake: broken })
    await useProfilesStore().hydrate()
    await settle()
    expect(bodyText()).toContain('Go to servers')
  })
})

describe('each server’s view, kept', () => {
  const search = () => document.querySelector<HTMLInputElement>('input[aria-label="Search tokens"]')!
  const names = () => tokenRows().map((row) => (row.querySelector('.token-name')?.textContent ?? '').trim())

  it('brings back the search, sort and open editor the user left on the server', async () => {
    const fake = createFakeApi({
      profiles: [makeProfile({ id: 'p1' })],
      tokens: { p1: tokens },
      views: {
        p1: {
          ...DEFAULT_SERVER_VIEW,
          query: 'a',
          sort: { column: 'name', order: 'descend' },
          editor: { tokenId: 4, draftId: null },
        },
      },
    })
    mountApp(TokensView, { fake })
    await useProfilesStore().hydrate()
    await settle()
    expect(search().value).toBe('a')
    expect(names()).toEqual(['delta', 'charlie', 'bravo', 'alpha'])
    expect(document.querySelector<HTMLInputElement>('input[value="delta"]')).not.toBeNull()
  })

  it('saves what the user changes, per server, and shows each server as it was left', async () => {
    const fake = createFakeApi({
      profiles: [makeProfile({ id: 'p1' }), makeProfile({ id: 'p2', name: 'Second' })],
      tokens: { p1: tokens, p2: [makeToken({ id: 9, name: 'zulu' })] },
    })
    mountApp(TokensView, { fake })
    const profiles = useProfilesStore()
    await profiles.hydrate()
    await settle()
    typeInto(search(), 'ech')
    await settle()
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(fake.views.p1?.query).toBe('ech')

    await profiles.select('p2')
    await settle()
    expect(search().value).toBe('')
    expect(names()).toEqual(['zulu'])
    await profiles.select('p1')
    await settle()
    expect(search().value).toBe('ech')
    expect(names()).toEqual(['echo'])
  })

  it('keeps the next server’s view when switching with the editor open', async () => {
    const saved = { ...DEFAULT_SERVER_VIEW, query: 'zul' }
    const fake = createFakeApi({
      profiles: [makeProfile({ id: 'p1' }), makeProfile({ id: 'p2', name: 'Second' })],
      tokens: { p1: tokens, p2: [makeToken({ id: 9, name: 'zulu' }), makeToken({ id: 8, name: 'yankee' })] },
      views: { p2: saved },
    })
    mountApp(TokensView, { fake })
    const profiles = useProfilesStore()
    await profiles.hydrate()
    await settle()
    button('Edit token alpha').click()
    await settle()
    await profiles.select('p2')
    await settle()
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(search().value).toBe('zul')
    expect(names()).toEqual(['zulu'])
    expect(fake.views.p2).toMatchObject({ query: 'zul', editor: null })
    // The first server remembers its open editor for when the user comes back.
    expect(fake.views.p1?.editor).toEqual({ tokenId: 1, draftId: null })
  })
})
