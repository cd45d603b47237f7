import { afterEach, describe, expect, it, vi } from 'vitest'
import { NEVER_EXPIRES, TOKEN_STATUS } from '@shared/domain/token-values'
import { createFakeApi, makeProfile, makeToken, type FakeApi } from '@renderer/test/fake-api'
import { bodyText, button, typeInto } from '@renderer/test/dom'
import { mountApp, settle } from '@renderer/test/mount-app'
import { switchLocale } from '@renderer/i18n'
import { useProfilesStore } from '@renderer/stores/profiles'
import TokensView from '@renderer/views/tokens-view.vue'

// The token table as a user works it: search, filters, sort, columns, selection and the keyboard.

const NOW = Math.floor(Date.now() / 1000)
const DAY = 86_400
const maskedKey = (id: number) => `sk0${id}**********${String(id).repeat(4)}`
const tokens = [
  makeToken({ id: 1, name: 'alpha', remain_quota: 5_000_000, used_quota: 5_000_000, accessed_time: 0 }),
  makeToken({ id: 2, name: 'bravo', expired_time: NOW - 60 }),
  makeToken({ id: 3, name: 'charlie', unlimited_quota: true, remain_quota: -42 }),
  makeToken({ id: 4, name: 'delta', status: TOKEN_STATUS.disabled, group: 'vip', allow_ips: '10.0.0.1' }),
  makeToken({ id: 5, name: 'echo', remain_quota: 0, model_limits_enabled: true, model_limits: 'a,b,c' }),
  // An hour past two days: the table counts whole days from the moment it draws, seconds after NOW.
  makeToken({ id: 6, name: 'foxtrot', remain_quota: 1_000, expired_time: NOW + 2 * DAY + 3600 }),
].map((token) => ({ ...token, key: maskedKey(token.id) }))

async function mountView(list = tokens) {
  const fake = createFakeApi({ profiles: [makeProfile({ id: 'p1' })], tokens: { p1: list } })
  const mounted = mountApp(TokensView, { fake })
  await useProfilesStore().hydrate()
  await settle()
  return mounted
}

const grid = () => document.querySelector<HTMLElement>('[role="grid"]')!
const bodyRows = () => [...grid().querySelectorAll<HTMLElement>('.tokens-grid__body [role="row"]')]
const names = () => bodyRows().map((row) => row.querySelector('.token-name')?.textContent?.trim())
const header = (name: string) =>
  [...grid().querySelectorAll<HTMLElement>('[role="columnheader"]')].find((cell) =>
    cell.textContent?.trim().startsWith(name),
  )
const checkbox = (label: string) => document.querySelector<HTMLInputElement>(`input[aria-label="${label}"]`)!
const search = () => document.querySelector<HTMLInputElement>('input[aria-label="Search tokens"]')!
const click = (element: Element, init: MouseEventInit = {}) =>
  element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, ...init }))
const key = (element: Element, keyName: string, init: KeyboardEventInit = {}) =>
  element.dispatchEvent(
    new KeyboardEvent('keydown', { key: keyName, bubbles: true, cancelable: true, ...init }),
  )

const calls = (fake: FakeApi, channel: 'drafts.save' | 'drafts.delete') =>
  fake.callsOf(channel) as { tokenId: number; wantStatus?: number }[]

afterEach(() => {
  document.body.innerHTML = ''
})

describe('the token table', () => {
  it('says everything in the new language when the language is switched, rows included', async () => {
    const { i18n } = await mountView()
    const delta = () => bodyRows().find((row) => row.textContent?.includes('delta'))!
    expect(delta().querySelector('.grid-status')?.textContent).toBe('Disabled')
    await switchLocale(i18n.global, 'zh-CN', false)
    await settle()
    expect(delta().querySelector('.grid-status')?.textContent).toBe('已禁用')
    expect(delta().querySelector('[data-action="toggle"]')?.textContent).toBe('启用')
    expect(delta().querySelector('[data-action="delete"]')?.getAttribute('aria-label')).toBe('删除令牌 delta')
    expect(checkbox('选择令牌 alpha')).toBeTruthy()
    await switchLocale(i18n.global, 'en-US', false)
    await settle()
    expect(delta().querySelector('[data-action="toggle"]')?.textContent).toBe('Enable')
  })

  it('shows every column the issue asks for, with money, counts, dates and the remaining bar', async () => {
    await mountView()
    const headers = [...grid().querySelectorAll('[role="columnheader"]')].map((cell) =>
      cell.textContent?.trim(),
    )
    for (const title of [
      'Name',
      'Status',
      'Key',
      'Remaining',
      'Used',
      'Group',
      'Models',
      'IPs',
      'Created',
      'Last used',
      'Expires',
    ])
      expect(headers.some((text) => text?.startsWith(title))).toBe(true)
    // Each header is named by its title alone: its resize handle's width is no part of its name.
    const names = [...grid().querySelectorAll('[role="columnheader"][aria-label]')].map((cell) =>
      cell.getAttribute('aria-label'),
    )
    expect(names.slice(0, 3)).toEqual(['Name', 'Status', 'Key'])
    const alpha = bodyRows().find((row) => row.textContent?.includes('alpha'))!
    expect(alpha.textContent).toContain('sk01**********1111')
    expect(alpha.textContent).toContain('$10.00')
    expect(alpha.querySelector('[role="meter"]')?.getAttribute('aria-valuenow')).toBe('50')
    expect(alpha.textContent).toContain('Never used')
    const echo = bodyRows().find((row) => row.textContent?.includes('echo'))!
    expect(echo.textContent).toContain('3')
    const foxtrot = bodyRows().find((row) => row.textContent?.includes('foxtrot'))!
    expect(foxtrot.textContent).toContain('in 2 days')
    const bravo = bodyRows().find((row) => row.textContent?.includes('bravo'))!
    expect(bravo.querySelector('.grid-past')?.textContent).toContain('ago')
  })

  it('searches names and the readable end of keys, and says how many match', async () => {
    await mountView()
    typeInto(search(), '4444')
    await settle()
    expect(names()).toEqual(['delta'])
    expect(bodyText()).toContain('1 of 6 tokens')
  })

  it('sorts by a column header: ascending, descending, then as listed', async () => {
    await mountView()
    const remaining = header('Remaining')!
    remaining.querySelector('button')!.click()
    await settle()
    expect(header('Remaining')!.getAttribute('aria-sort')).toBe('ascending')
    // Least left first (none left, then small amounts), unlimited last.
    expect(names()[0]).toBe('echo')
    expect(names().at(-1)).toBe('charlie')
    header('Remaining')!.querySelector('button')!.click()
    await settle()
    expect(header('Remaining')!.getAttribute('aria-sort')).toBe('descending')
    expect(names()[0]).toBe('charlie')
    header('Remaining')!.querySelector('button')!.click()
    await settle()
    expect(header('Remaining')!.getAttribute('aria-sort')).toBe('none')
    // As the server listed them.
    expect(names()).toEqual(tokens.map((token) => token.name))
  })

  it('filters across all tokens, shows each filter as a chip that removes it, and keeps the filter per server', async () => {
    const { fake } = await mountView()
    button('Filters').click()
    await settle()
    click([...document.querySelectorAll('.n-checkbox')].find((box) => box.textContent?.includes('Expired'))!)
    await settle()
    expect(names()).toEqual(['bravo'])
    expect(bodyText()).toContain('1 of 6 tokens')
    // Its button says, in words, that a filter is in use (the dot beside it is not read).
    expect(() => button('Filters (in use)')).not.toThrow()
    click(
      [...document.querySelectorAll('.n-checkbox')].find((box) => box.textContent?.includes('restrict IPs'))!,
    )
    await settle()
    expect(document.querySelector('[role="grid"]')).toBeNull()
    expect(bodyText()).toContain('No token matches the search and filters.')
    button('Remove filter Expired').click()
    await settle()
    expect(names()).toEqual(['delta'])
    // The focus goes on to the chip that took the removed one's place, not nowhere.
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Remove filter restrict IPs')
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(fake.views.p1?.filter).toMatchObject({ statuses: [], traits: ['ipLimits'] })
    button('Clear filters').click()
    await settle()
    expect(names()).toHaveLength(6)
    expect(document.activeElement).toBe(search())
  })

  it('ends a sort when its column is hidden: no order without a mark of it', async () => {
    const { fake } = await mountView()
    const sortBy = async (column: string, clicks: number) => {
      for (let n = 0; n < clicks; n += 1) {
        click(header(column)!.querySelector('button')!)
        await settle()
      }
    }
    await sortBy('Used', 2)
    // Descending by use: alpha, the only token with any, comes first.
    expect(header('Used')!.getAttribute('aria-sort')).toBe('descending')
    expect(names()[0]).toBe('alpha')
    const unsorted = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot']
    await sortBy('Name', 2)
    expect(names()).toEqual([...unsorted].reverse())
    button('Columns').click()
    await settle()
    const column = (name: string) =>
      [...document.querySelectorAll('label')]
        .find((label) => label.textContent?.trim() === name)!
        .querySelector('input')!
    // Hiding another column keeps the sort.
    click(column('Used'))
    await settle()
    expect(names()).toEqual([...unsorted].reverse())
    click(column('Used'))
    await settle()
    // Sorted by Used again, then Used hidden: the rows go back to the server's order.
    await sortBy('Used', 2)
    expect(names()).not.toEqual(unsorted)
    click(column('Used'))
    await settle()
    expect(header('Used')).toBeUndefined()
    expect(names()).toEqual(unsorted)
    expect(grid().querySelector('[aria-sort="ascending"], [aria-sort="descending"]')).toBeNull()
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(fake.views.p1).toMatchObject({ sort: null, hiddenColumns: ['used'] })
  })

  it('leaves its own style alone while a search changes the rows (each keystroke costs only the rows)', async () => {
    await mountView()
    const style = grid().style
    const before = grid().getAttribute('style')
    const written = vi.spyOn(style, 'setProperty')
    typeInto(search(), 'al')
    await settle()
    typeInto(search(), 'a')
    await settle()
    expect(names()).toEqual(['alpha', 'bravo', 'charlie', 'delta'])
    expect(written).not.toHaveBeenCalled()
    expect(grid().getAttribute('style')).toBe(before)
  })

  it('hides and resizes columns, and remembers both', async () => {
    const { fake } = await mountView()
    button('Columns').click()
    await settle()
    const used = [...document.querySelectorAll('label')].find(
      (label) => label.textContent?.trim() === 'Used',
    )!
    click(used.querySelector('input')!)
    await settle()
    expect(header('Used')).toBeUndefined()
    // From the keyboard: Shift+→ on the column's sort button widens it, Shift+← narrows it.
    const sortName = header('Name')!.querySelector('button')!
    const width = () =>
      Number(header('Name')!.querySelector<HTMLElement>('.grid-head__resize')!.dataset.width)
    const before = width()
    key(sortName, 'ArrowRight', { shiftKey: true })
    await settle()
    key(sortName, 'ArrowRight', { shiftKey: true })
    await settle()
    expect(width()).toBe(before + 32)
    expect(grid().style.getPropertyValue('--col-name')).toBe(`${before + 32}px`)
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(fake.views.p1).toMatchObject({ hiddenColumns: ['used'], columnWidths: { name: before + 32 } })
    key(sortName, 'ArrowLeft', { shiftKey: true })
    await settle()
    expect(width()).toBe(before + 16)
    // Resizing is not sorting.
    expect(header('Name')!.getAttribute('aria-sort')).toBe('none')
  })

  it('is one stop of the Tab order in the header: arrows move along it, ↓ and ↑ cross into the rows', async () => {
    await mountView()
    const headerStops = () =>
      [...grid().querySelectorAll<HTMLElement>('[role="columnheader"] :is(button, input, [tabindex])')]
        .filter((element) => element.tabIndex >= 0)
        .map((element) => element.getAttribute('aria-label') ?? element.textContent?.trim())
    expect(headerStops()).toEqual(['Select all 6 tokens shown'])
    const selectAll = checkbox('Select all 6 tokens shown')
    selectAll.focus()
    key(selectAll, 'ArrowRight')
    await settle()
    expect(document.activeElement?.textContent?.trim()).toMatch(/^Name/)
    key(document.activeElement!, 'End')
    await settle()
    const last = document.activeElement as HTMLElement
    expect(last.closest('[role="columnheader"]')).not.toBeNull()
    // The last one focused is the header's stop from now on.
    expect(headerStops()).toEqual([last.textContent?.trim()])
    // Ctrl+A there selects every row shown, as in the rows (not the page's text).
    const textSelected = key(last, 'a', { ctrlKey: true })
    await settle()
    expect(textSelected).toBe(false)
    expect(bodyText()).toContain('6 selected')
    key(last, 'ArrowDown')
    await settle()
    // Into the first row, in that header's column.
    expect(document.activeElement?.closest<HTMLElement>('[data-token-id]')?.dataset.tokenId).toBe('1')
    expect(document.activeElement?.getAttribute('data-cell')).toBe(
      last.closest('[role="columnheader"]')?.querySelector('[data-head]')?.getAttribute('data-head'),
    )
    key(document.activeElement!, 'ArrowUp')
    await settle()
    expect(document.activeElement).toBe(last)
  })

  it('selects ranges with Shift, all shown at once, and disables and deletes the selection', async () => {
    const { fake } = await mountView()
    click(checkbox('Select token alpha'))
    click(checkbox('Select token delta'), { shiftKey: true })
    await settle()
    expect(bodyText()).toContain('4 selected')
    button('Disable', document.querySelector('[role="toolbar"]')!).click()
    await settle()
    // Only the ones not disabled already: alpha, bravo, charlie (delta is disabled).
    expect(calls(fake, 'drafts.save').map((call) => [call.tokenId, call.wantStatus])).toEqual([
      [1, 2],
      [2, 2],
      [3, 2],
    ])
    click(checkbox('Select all 6 tokens shown'))
    await settle()
    expect(bodyText()).toContain('6 selected')
    button('Delete', document.querySelector('[role="toolbar"]')!).click()
    await settle()
    expect(document.querySelector('[role="alertdialog"]')?.textContent).toContain(
      'Delete 6 tokens on the server?',
    )
    button('Delete 6', document.querySelector('[role="alertdialog"]')!).click()
    await settle()
    expect(
      calls(fake, 'drafts.delete')
        .map((call) => call.tokenId)
        .sort(),
    ).toEqual([1, 2, 3, 4, 5, 6])
    expect(bodyText()).toContain('This server has no tokens yet.')
  })

  it('revives an expired or exhausted token from its row in one action', async () => {
    const { fake } = await mountView()
    expect(document.querySelector('button[aria-label="Revive token alpha"]')).toBeNull()
    button('Revive token bravo').click()
    await settle()
    const [sent] = fake.callsOf('drafts.save') as {
      tokenId: number
      changes: { expired_time?: number }
      wantStatus: number
    }[]
    expect(sent).toMatchObject({ tokenId: 2, wantStatus: TOKEN_STATUS.enabled, mode: 'now' })
    // A new end date a month out, not "never": the owner gave it one.
    expect(sent!.changes.expired_time).toBeGreaterThan(NOW + 29 * DAY)
    expect(sent!.changes.expired_time).toBeLessThan(NOW + 31 * DAY)
    expect(bodyRows().find((row) => row.textContent?.includes('bravo'))?.textContent).toContain('Enabled')
  })

  it('leaves the focus on the chips when a chip is removed after the table had it', async () => {
    await mountView()
    button('Filters').click()
    await settle()
    for (const label of ['Expired', 'Enabled']) {
      click([...document.querySelectorAll('.n-checkbox')].find((box) => box.textContent?.trim() === label)!)
      await settle()
    }
    // The table had the focus, then a chip's button took it (as a click on it does).
    const cell = grid().querySelector<HTMLElement>('[data-cell="name"][tabindex="0"]')!
    cell.focus()
    const remove = button('Remove filter Expired')
    cell.dispatchEvent(new FocusEvent('focusout', { bubbles: true, relatedTarget: remove }))
    remove.focus()
    remove.click()
    await settle()
    await new Promise((resolve) => requestAnimationFrame(resolve))
    await settle()
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Remove filter Enabled')
  })

  it('selects rows, not the page’s text, on Shift+click, and opens a double-clicked row without selecting a word', async () => {
    await mountView()
    const name = bodyRows()[2]!.querySelector('.token-name')!
    const press = (init: MouseEventInit) => {
      const event = new MouseEvent('mousedown', { bubbles: true, cancelable: true, ...init })
      name.dispatchEvent(event)
      return event.defaultPrevented
    }
    // The browser's own start of a text selection is what a prevented press leaves out.
    expect([press({ detail: 1 }), press({ detail: 1, shiftKey: true }), press({ detail: 2 })]).toEqual([
      false,
      true,
      true,
    ])
  })

  it('takes a double click on a row’s button as one press, and opens no editor for it', async () => {
    const { fake } = await mountView()
    const revive = button('Revive token bravo')
    click(revive, { detail: 1 })
    click(revive, { detail: 2 })
    revive.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, cancelable: true, detail: 2 }))
    await settle()
    expect((fake.callsOf('drafts.save') as { tokenId: number }[]).map((call) => call.tokenId)).toEqual([2])
    expect(document.querySelector('[role="dialog"]')).toBeNull()
    // A double click elsewhere on the row opens its editor.
    const name = bodyRows()[0]!.querySelector('.token-name')!
    name.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, cancelable: true, detail: 2 }))
    await settle()
    expect(document.querySelector('[role="dialog"]')).not.toBeNull()
  })

  it('opens Filters with Enter without the same Enter ticking the first filter', async () => {
    await mountView()
    const filters = button('Filters')
    filters.focus()
    key(filters, 'Enter')
    filters.click() // what the browser makes of Enter on a button
    await settle()
    await new Promise((resolve) => requestAnimationFrame(resolve))
    const focused = document.activeElement!
    expect(focused.closest('.n-checkbox')?.textContent?.trim()).toBe('Enabled')
    // The key's release reaches the checkbox that now has the focus (Naive's ticks on release).
    focused.dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter', bubbles: true, cancelable: true }))
    await settle()
    expect(names()).toHaveLength(6)
    // A later Enter there is the user's: it ticks.
    focused.dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter', bubbles: true, cancelable: true }))
    await settle()
    expect(names().length).toBeLessThan(6)
  })

  it('marks the token kept in view by the editor, and leaves it out of "select all"', async () => {
    const { fake } = await mountView()
    button('Edit token alpha').click()
    await settle()
    typeInto(search(), 'bra')
    await settle()
    // alpha stays while it is edited, though "bra" does not find it: marked, and not one of "all shown".
    expect(names()).toEqual(['alpha', 'bravo'])
    const alpha = bodyRows().find((row) => row.textContent?.includes('alpha'))!
    expect(alpha.classList.contains('grid-row--kept')).toBe(true)
    expect(alpha.getAttribute('aria-description')).toBe(
      'Open in the editor: shown although it does not match the search or filters',
    )
    click(checkbox('Select the token shown'))
    await settle()
    expect(bodyText()).toContain('1 selected')
    button('Disable', document.querySelector('[role="toolbar"]')!).click()
    await settle()
    expect(calls(fake, 'drafts.save').map((call) => call.tokenId)).toEqual([2])
    // Found by the search again, it is an ordinary row.
    typeInto(search(), 'a')
    await settle()
    expect(bodyRows().find((row) => row.textContent?.includes('alpha'))!.classList).not.toContain(
      'grid-row--kept',
    )
  })

  it('says of a bulk change what was done, what is on its way and what was kept, each only when there is some', async () => {
    const { fake } = await mountView()
    click(checkbox('Select token alpha'))
    click(checkbox('Select token bravo'), { shiftKey: true })
    await settle()
    // The server's request limit holds the sends: answered at once, they go out a moment later.
    fake.network.heldUntil = Date.now() + 60_000
    button('Disable', document.querySelector('[role="toolbar"]')!).click()
    await settle()
    expect(bodyText()).toContain('Done: 0 · on their way: 2')
    expect(bodyText()).not.toContain('kept for later')
    expect(bodyText()).not.toContain('failed')
  })

  it('moves the keyboard’s place to the row a Shift+click reaches', async () => {
    await mountView()
    click(checkbox('Select token alpha'))
    const charlie = bodyRows().find((row) => row.textContent?.includes('charlie'))!
    click(charlie.querySelector('[data-cell="name"]')!, { shiftKey: true })
    await settle()
    expect(bodyText()).toContain('3 selected')
    expect(document.activeElement?.closest('[role="row"]')?.textContent).toContain('charlie')
  })

  it('says how many selected tokens a filter hides', async () => {
    await mountView()
    click(checkbox('Select token alpha'))
    click(checkbox('Select token bravo'))
    typeInto(search(), 'alp')
    await settle()
    expect(bodyText()).toContain('2 selected')
    expect(bodyText()).toContain('1 hidden by the filters')
    // The header's checkbox speaks of the rows shown: one, selected.
    expect(checkbox('Select the token shown').checked).toBe(true)
    typeInto(search(), 'charlie')
    await settle()
    // None of the rows shown is selected: not half-ticked by the two a filter hides.
    expect(checkbox('Select the token shown')).toMatchObject({ checked: false, indeterminate: false })
    expect(() => button('Select the one shown')).not.toThrow()
  })

  it('is worked from the keyboard: arrows move, Space selects, Shift extends, Enter edits', async () => {
    await mountView()
    const first = grid().querySelector<HTMLElement>('[data-cell="name"][tabindex="0"]')!
    expect(first.textContent).toContain('alpha')
    first.focus()
    key(first, 'ArrowDown')
    await settle()
    const second = document.activeElement as HTMLElement
    expect(second.textContent).toContain('bravo')
    key(second, ' ')
    key(second, 'ArrowDown', { shiftKey: true })
    await settle()
    expect(bodyText()).toContain('2 selected')
    key(document.activeElement!, 'Escape')
    await settle()
    expect(bodyText()).not.toContain('selected')
    key(document.activeElement!, 'Enter')
    await settle()
    expect(document.querySelector<HTMLInputElement>('#token-name')?.value).toBe('charlie')
  })

  it('goes to the start and the end of a row with Home/End, and to the first and last row with Ctrl', async () => {
    await mountView()
    const first = grid().querySelector<HTMLElement>('[data-cell="name"][tabindex="0"]')!
    first.focus()
    key(first, 'ArrowDown')
    await settle()
    key(document.activeElement!, 'End')
    await settle()
    // bravo's last stop: its key button.
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Key actions for bravo')
    key(document.activeElement!, 'Home')
    await settle()
    expect(document.activeElement).toBe(checkbox('Select token bravo'))
    key(document.activeElement!, 'End', { ctrlKey: true })
    await settle()
    // The last row, in the same column.
    expect(document.activeElement).toBe(checkbox('Select token foxtrot'))
    key(document.activeElement!, 'Home', { ctrlKey: true })
    await settle()
    expect(document.activeElement).toBe(checkbox('Select token alpha'))
  })

  it('comes down from a column’s header into that column of the rows', async () => {
    await mountView()
    header('Status')!.querySelector<HTMLElement>('button')!.focus()
    key(document.activeElement!, 'ArrowDown')
    await settle()
    expect(document.activeElement?.getAttribute('data-cell')).toBe('status')
    expect(document.activeElement?.closest<HTMLElement>('[data-token-id]')?.dataset.tokenId).toBe('1')
    key(document.activeElement!, 'ArrowUp')
    await settle()
    // ↑ goes back up the same column.
    expect(document.activeElement?.closest('[role="columnheader"]')).toBe(header('Status'))
    // From the checkbox, to the select-all box.
    checkbox('Select token alpha').focus()
    key(document.activeElement!, 'ArrowUp')
    await settle()
    expect(document.activeElement).toBe(checkbox('Select all 6 tokens shown'))
    checkbox('Select all 6 tokens shown').focus()
    key(document.activeElement!, 'ArrowDown')
    await settle()
    expect(document.activeElement).toBe(checkbox('Select token alpha'))
  })

  it('deletes the selection with Delete on one of its rows, and only the row itself on another', async () => {
    const { fake } = await mountView()
    const first = grid().querySelector<HTMLElement>('[data-cell="name"][tabindex="0"]')!
    first.focus()
    key(first, ' ')
    key(first, 'ArrowDown', { shiftKey: true })
    await settle()
    expect(bodyText()).toContain('2 selected')
    key(document.activeElement!, 'Delete')
    await settle()
    expect(document.querySelector('[role="alertdialog"]')?.textContent).toContain(
      'Delete 2 tokens on the server?',
    )
    button('Cancel', document.querySelector('[role="alertdialog"]')!).click()
    await settle()
    // On a row outside the selection: that row alone.
    key(document.activeElement!, 'ArrowDown')
    await settle()
    expect((document.activeElement as HTMLElement).textContent).toContain('charlie')
    key(document.activeElement!, 'Delete')
    await settle()
    expect(document.querySelector('[role="alertdialog"]')?.textContent).toContain(
      'Delete token “charlie” on the server?',
    )
    expect(fake.callsOf('drafts.delete')).toEqual([])
  })

  it('moves along a row with ←/→, cell by cell to its buttons, and keeps the column going ↑/↓', async () => {
    await mountView()
    const first = grid().querySelector<HTMLElement>('[data-cell="name"][tabindex="0"]')!
    first.focus()
    key(first, 'ArrowRight')
    await settle()
    expect(document.activeElement?.getAttribute('data-cell')).toBe('status')
    expect(document.activeElement?.textContent).toBe('Enabled')
    key(document.activeElement!, 'ArrowDown')
    await settle()
    // bravo's status, one row down.
    expect(document.activeElement?.textContent).toBe('Expired')
    expect(document.activeElement?.closest<HTMLElement>('[data-token-id]')?.dataset.tokenId).toBe('2')
    key(document.activeElement!, 'ArrowLeft')
    await settle()
    expect(document.activeElement?.textContent).toContain('bravo')
    key(document.activeElement!, 'ArrowLeft')
    await settle()
    // Left of the name, the row's checkbox; nothing left of that: the focus stays.
    expect(document.activeElement).toBe(checkbox('Select token bravo'))
    key(document.activeElement!, 'ArrowLeft')
    await settle()
    expect(document.activeElement).toBe(checkbox('Select token bravo'))
    // Space there ticks it, as on the name.
    key(document.activeElement!, ' ')
    click(document.activeElement!)
    await settle()
    expect(bodyText()).toContain('1 selected')
    key(document.activeElement!, 'ArrowRight')
    await settle()
    expect(document.activeElement?.textContent).toContain('bravo')
    const cells = bodyRows()[1]!.querySelectorAll('[data-cell]').length
    for (let step = 0; step < cells; step++) {
      key(document.activeElement!, 'ArrowRight')
      await settle()
    }
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Edit token bravo')
    key(document.activeElement!, 'ArrowDown')
    await settle()
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Edit token charlie')
    // Enter on a cell of data opens the token, as on its name.
    key(document.activeElement!, 'ArrowLeft')
    await settle()
    key(document.activeElement!, 'Enter')
    await settle()
    expect(document.querySelector<HTMLInputElement>('#token-name')?.value).toBe('charlie')
  })

  it('puts only the current row in the Tab order: its name, then its actions', async () => {
    await mountView()
    const tabStops = () =>
      [...bodyRows()].flatMap((row) =>
        [...row.querySelectorAll<HTMLElement>('[tabindex="0"], button:not([tabindex="-1"])')].map(
          (element) => `${row.dataset.tokenId}:${element.dataset.cell ?? element.dataset.action}`,
        ),
      )
    expect(tabStops()).toEqual(['1:name', '1:edit', '1:toggle', '1:delete', '1:keys'])
    const first = grid().querySelector<HTMLElement>('[data-cell="name"][tabindex="0"]')!
    first.focus()
    key(first, 'ArrowDown')
    await settle()
    // bravo has expired: its row offers Revive where the others offer Disable.
    expect(tabStops()).toEqual(['2:name', '2:edit', '2:revive', '2:delete', '2:keys'])
  })

  it('keeps the focus on the token it was on when the rows move under it, never on another token', async () => {
    const { fake } = await mountView()
    const rowOf = (element: Element | null) =>
      element?.closest<HTMLElement>('[data-token-id]')?.dataset.tokenId
    const deleteOf = (name: string) =>
      document.querySelector<HTMLElement>(`button[aria-label="Delete token ${name}"]`)!
    deleteOf('delta').focus()
    expect(rowOf(document.activeElement)).toBe('4')
    // Sorted the other way round: delta's row is now elsewhere, and so is the focus.
    header('Name')!.querySelector('button')!.click()
    await settle()
    header('Name')!.querySelector('button')!.click()
    await settle()
    expect(names()[0]).toBe('foxtrot')
    expect(document.activeElement).toBe(deleteOf('delta'))
    expect(rowOf(document.activeElement)).toBe('4')
    // Deleted on the server meanwhile: the focus goes to the name cell of the row now in its place (a
    // cell does nothing by itself), never to that row's Delete button.
    fake.emit('tokens.changed', { profileId: 'p1', tokens: [], removedIds: [4] })
    await settle()
    expect(names()).not.toContain('delta')
    expect(document.activeElement?.getAttribute('data-cell')).toBe('name')
    expect(rowOf(document.activeElement)).toBe('3')
  })

  it('keeps only the rows in view in the page, whatever the number of tokens', async () => {
    const many = Array.from({ length: 1000 }, (_, index) =>
      makeToken({ id: index + 1, name: `token ${index + 1}`, expired_time: NEVER_EXPIRES }),
    )
    await mountView(many)
    expect(grid().getAttribute('aria-rowcount')).toBe('1001')
    expect(bodyRows().length).toBeGreaterThan(10)
    expect(bodyRows().length).toBeLessThan(40)
    expect(bodyText()).toContain('1,000 of 1,000 tokens')
    typeInto(search(), 'token 99')
    await settle()
    expect(names()).toEqual(['token 99', ...Array.from({ length: 10 }, (_, digit) => `token 99${digit}`)])
  })
})
