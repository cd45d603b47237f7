import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { AppShell } from './pages/app-shell'
import { test as appTest, expect } from './fixtures/app-fixture'
import { startWebHost, type WebHostProcess } from './fixtures/web-host-process'

// Where the focus goes, for a user on the keyboard, in the real app through the browser host (the demo
// server: its tokens have known names). Each part that loads when first opened (the palette, the editor,
// a dialog's form, the Filters panel) takes the focus as it appears, and closing the editor gives it back
// to the control that opened it, or to the token's row when that control is gone.

/** Each test on a browser host of its own, opened straight into the demo server (fresh data folder). */
const test = appTest.extend<{ demoHost: WebHostProcess }>({
  demoHost: async ({ keychainService }, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tokendesk-e2e-focus-'))
    const host = await startWebHost({ dataDir, keychainService, args: ['--demo'] })
    await use(host)
    await host.stop()
    await rm(dataDir, { recursive: true, force: true })
  },
})

const editButton = (page: Page, name: string) =>
  page.getByRole('button', { name: `Edit token ${name}`, exact: true })
const editorName = (page: Page) => page.locator('#token-name')

test('the focus follows the user into the palette, the editor and dialogs, and back', async ({
  page,
  demoHost: host,
}) => {
  const shell = new AppShell(page)
  await shell.goto(host.url)
  await expect(editButton(page, 'support-bot')).toBeVisible()

  // Back from another section, the palette's first opening (it loads then) takes the keys: "n" is
  // typed into it, not run as the New token shortcut behind it.
  await shell.nav('Servers').click()
  await shell.nav('Tokens').click()
  await expect(editButton(page, 'support-bot')).toBeVisible()
  await page.keyboard.press('Control+k')
  const search = page.getByRole('combobox', { name: 'Search commands' })
  await expect(search).toBeFocused()
  await page.keyboard.type('n')
  await expect(search).toHaveValue('n')
  await expect(editorName(page)).toHaveCount(0)
  // Escape gives the focus back to where it was; a command that focuses something keeps it there.
  await page.keyboard.press('Escape')
  await expect(shell.nav('Tokens')).toBeFocused()
  await page.keyboard.press('Control+k')
  await expect(search).toBeFocused()
  await page.keyboard.type('search tokens')
  await page.keyboard.press('Enter')
  const tokenSearch = page.getByRole('searchbox', { name: 'Search tokens' })
  await expect(tokenSearch).toBeFocused()
  await expect(page.locator('.palette')).toHaveCount(0)
  await expect(tokenSearch).toBeFocused()
  // A command that focuses nothing (a sort redraws every row) gives the focus back to the table.
  await page.locator('[role="row"]', { hasText: 'support-bot' }).locator('.token-name').click()
  await page.keyboard.press('Control+k')
  await expect(search).toBeFocused()
  await page.keyboard.type('sort by name, descending')
  await page.keyboard.press('Enter')
  await expect(page.locator('.palette')).toHaveCount(0)
  await expect(page.getByRole('grid').locator('[data-cell="name"][tabindex="0"]')).toBeFocused()
  // Ctrl+End, then Ctrl+Home: the first row is scrolled to below the sticky header, not under it.
  await page.keyboard.press('Control+End')
  await page.keyboard.press('Control+Home')
  const focusedRow = page.getByRole('grid').locator('[role="row"]:has([data-cell="name"]:focus)')
  await expect(focusedRow).toHaveAttribute('aria-rowindex', '2')
  await expect
    .poll(async () => {
      const [row, head] = await Promise.all([
        focusedRow.boundingBox(),
        page.locator('.tokens-grid__head').boundingBox(),
      ])
      return row && head ? Math.round(row.y - (head.y + head.height)) : null
    })
    .toBeGreaterThanOrEqual(0)

  // The Filters panel is put at the end of the page: opening it from the keyboard moves the focus into
  // it, Escape closes it and gives the focus back to its button.
  const filters = page.getByRole('button', { name: /^Filters/ })
  await filters.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('checkbox', { name: 'Enabled', exact: true })).toBeFocused()
  await expect(filters).toHaveAttribute('aria-expanded', 'true')
  await page.keyboard.press('Escape')
  await expect(filters).toBeFocused()
  await expect(filters).toHaveAttribute('aria-expanded', 'false')
  // Tab through the panel and past its end: closed, and on to the next button (Columns), as if the
  // panel sat right under its button; Shift+Tab before its first control goes back to the button.
  await page.keyboard.press('Enter')
  await expect(page.getByRole('checkbox', { name: 'Enabled', exact: true })).toBeFocused()
  await page.keyboard.press('Shift+Tab')
  await expect(filters).toBeFocused()
  await expect(filters).toHaveAttribute('aria-expanded', 'false')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('checkbox', { name: 'Enabled', exact: true })).toBeFocused()
  const columns = page.getByRole('button', { name: 'Columns' })
  for (let step = 0; step < 30 && !(await columns.evaluate((b) => b === document.activeElement)); step++)
    await page.keyboard.press('Tab')
  await expect(columns).toBeFocused()
  await expect(filters).toHaveAttribute('aria-expanded', 'false')

  // The editor's first opening (it loads then) puts the focus on the name.
  await editButton(page, 'support-bot').click()
  await expect(editorName(page)).toBeFocused()
  // Another token opened from its row while the editor is open: closing returns to that row's button.
  await editButton(page, 'nearly-empty').focus()
  await page.keyboard.press('Enter')
  await expect(editorName(page)).toHaveValue('nearly-empty')
  await expect(editorName(page)).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(editorName(page)).toHaveCount(0)
  await expect(editButton(page, 'nearly-empty')).toBeFocused()

  // Opened from the Watch, whose button is gone once the token screen shows: back to the token's row.
  await shell.nav('Watch').click()
  await page.getByRole('button', { name: 'Open “free-trial” in the editor' }).first().click()
  await expect(editorName(page)).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(
    page
      .locator('[role="row"]')
      .filter({ has: page.getByText('free-trial', { exact: true }) })
      .locator('[data-cell="name"]'),
  ).toBeFocused()

  // Ctrl+K and straight on typing a token's name and Enter, before the palette is drawn: it opens.
  await page.keyboard.press('Control+k')
  await page.keyboard.type('midjourney')
  await page.keyboard.press('Enter')
  await expect(editorName(page)).toHaveValue('midjourney-bot')
  await page.keyboard.press('Escape')
  await expect(editorName(page)).toHaveCount(0)

  // A dialog whose form loads when first opened: the form's first field, not the dialog's Close button.
  await shell.nav('Servers').click()
  await page.getByRole('button', { name: 'New template', exact: true }).first().click()
  await expect(page.getByRole('dialog', { name: 'New template' }).getByRole('textbox').first()).toBeFocused()
})

test('a screen opened from the palette takes the focus; ↓ in the search goes on into the results; rings show in dialogs', async ({
  page,
  demoHost: host,
}) => {
  const shell = new AppShell(page)
  await shell.goto(host.url)
  await expect(editButton(page, 'support-bot')).toBeVisible()

  // From a row, the palette opens the Outbox: the row is gone with the token screen, so the Outbox's
  // own region takes the focus (it was left on nothing, the next Tab starting over at the top).
  await page.locator('[role="row"]', { hasText: 'support-bot' }).locator('.token-name').click()
  await page.keyboard.press('Control+k')
  await expect(page.getByRole('combobox', { name: 'Search commands' })).toBeFocused()
  await page.keyboard.type('go to outbox')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('region', { name: 'Outbox', exact: true })).toBeFocused()
  // The header's own button keeps the focus it has.
  await shell.nav('Tokens').click()
  await expect(shell.nav('Tokens')).toBeFocused()

  // ↓ in the search: on to the first result.
  const tokenSearch = page.getByRole('searchbox', { name: 'Search tokens' })
  await tokenSearch.fill('nearly')
  await page.keyboard.press('ArrowDown')
  await expect(
    page
      .locator('[role="row"]')
      .filter({ has: page.getByText('nearly-empty', { exact: true }) })
      .locator('[data-cell="name"]'),
  ).toBeFocused()

  // The delete confirmation (mounted on the body, outside the shell): its focused button has the ring.
  await page.keyboard.press('Delete')
  const confirm = page.getByRole('alertdialog').filter({ hasText: 'nearly-empty' })
  await expect(confirm).toBeVisible()
  const remove = confirm.getByRole('button', { name: 'Delete', exact: true })
  await remove.focus()
  await expect(remove).toHaveCSS('outline-style', 'solid')
  await expect(remove).toHaveCSS('outline-width', '2px')
  await page.keyboard.press('Escape')
})

test('in the Outbox, a draft discarded or sent by the keyboard hands the focus to the next one', async ({
  page,
  demoHost: host,
}) => {
  const shell = new AppShell(page)
  await shell.goto(host.url)
  // Two changes kept as drafts (not sent by themselves).
  for (const name of ['support-bot', 'nearly-empty']) {
    await editButton(page, name).click()
    await editorName(page).fill(`${name}-renamed`)
    await page.getByRole('button', { name: 'Save as draft', exact: true }).click()
    await expect(editorName(page)).toHaveCount(0)
  }
  await shell.nav('Outbox').click()
  const drafts = page.getByRole('list', { name: 'Unsynced drafts' }).getByRole('listitem')
  await expect(drafts).toHaveCount(2)
  const first = page.getByRole('group', { name: 'Edit of “support-bot-renamed”' })
  const second = page.getByRole('group', { name: 'Edit of “nearly-empty-renamed”' })

  // Discard, asked first: once answered, the focus is on the draft that took its place.
  await first.getByRole('button', { name: 'Discard', exact: true }).focus()
  await page.keyboard.press('Enter')
  const question = page.getByRole('alertdialog', { name: 'Discard this change?' })
  await expect(question).toHaveAccessibleDescription(
    'Edit of “support-bot-renamed”: it is deleted and never reaches the server.',
  )
  await question.getByRole('button', { name: 'Discard', exact: true }).press('Enter')
  await expect(drafts).toHaveCount(1)
  await expect(second.getByRole('button', { name: 'Discard', exact: true })).toBeFocused()

  // Send, the last one: with no draft left, the Outbox's heading has the focus.
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await expect(second.getByRole('button', { name: 'Send', exact: true })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(drafts).toHaveCount(0)
  await expect(page.getByText(/^Outbox of /)).toBeFocused()
})
