import type { Page, TestInfo } from '@playwright/test'
import type { SandboxGateway, StoredToken } from '../src/sandbox/index'
import { TokensPage } from './pages/tokens-page'
import { test, expect } from './fixtures/app-fixture'
import { count, fill, forEachUi, snap, type Catalogue } from './fixtures/ui-matrix'
import { openOnSandbox } from './flows/edit-token-flow'

// The token table in Chromium through the browser host, against the sandbox gateway: sort, filters,
// search by key, selection with Shift, bulk disable and delete, and the keyboard — in both languages and
// both colour schemes, every label taken from the catalogue the user sees. Screenshots of each state are
// attached to the test's results.

const DAY = 86_400
const NOW = () => Math.floor(Date.now() / 1000)
const isEnabledNow = (token: StoredToken) =>
  token.status === 1 &&
  token.name !== '' &&
  (token.unlimited_quota || token.remain_quota > 0) &&
  (token.expired_time === -1 || token.expired_time > NOW())

forEachUi('token table', ({ L }) => {
  test.beforeEach(async ({ page, webHost, sandbox }) => {
    await openOnSandbox(page, webHost.url, sandbox, L)
    await new TokensPage(page, L).open()
    await expect(page.getByRole('grid')).toBeVisible()
  })

  test('sorts, filters, searches, selects, acts in bulk and is worked with the keyboard', async ({
    page,
    sandbox,
  }, testInfo) => {
    await test.step('sort, filter and search across every token', () =>
      sortFilterSearch(page, sandbox, testInfo, L))
    await test.step('select a range, disable it, delete it', () => selectAndAct(page, sandbox, testInfo, L))
    await test.step('move, select and open the editor with the keyboard', () => keyboard(page, L))
  })
})

async function sortFilterSearch(page: Page, sandbox: SandboxGateway, testInfo: TestInfo, L: Catalogue) {
  const grid = page.getByRole('grid')
  const names = () => grid.locator('[role="row"] .token-name').allTextContents()
  const stored = sandbox.control.tokens()
  await snap(page, testInfo, 'table')

  // Sort by remaining quota: least left first; unlimited tokens come last, so first when reversed.
  const remaining = grid.getByRole('columnheader', { name: L.tokens.columns.remaining })
  await remaining.getByRole('button').click()
  await expect(remaining).toHaveAttribute('aria-sort', 'ascending')
  const least = Math.min(...stored.filter((t) => !t.unlimited_quota).map((t) => t.remain_quota))
  const first = (await names())[0]
  expect(stored.find((t) => (t.name || L.tokens.unnamed) === first)?.remain_quota).toBe(least)
  await remaining.getByRole('button').click()
  await expect(remaining).toHaveAttribute('aria-sort', 'descending')
  const top = (await names())[0]
  expect(stored.find((t) => (t.name || L.tokens.unnamed) === top)?.unlimited_quota).toBe(true)

  // Filter: disabled tokens only — across the whole list, with the count of matches.
  await page.getByRole('button', { name: new RegExp(`^${L.tokens.filters.title}`) }).click()
  await page.getByRole('checkbox', { name: L.tokens.status.disabled, exact: true }).click()
  await snap(page, testInfo, 'filters')
  const disabled = stored.filter((t) => t.status === 2)
  await expect
    .poll(async () => (await names()).sort())
    .toEqual(disabled.map((t) => t.name || L.tokens.unnamed).sort())
  await expect(
    page.getByText(
      fill(L.tokens.count, { shown: count(disabled.length, L), total: count(stored.length, L) }),
    ),
  ).toBeVisible()
  await page.keyboard.press('Escape')
  await page
    .getByRole('button', { name: fill(L.tokens.filters.remove, { filter: L.tokens.status.disabled }) })
    .click()
  await expect.poll(async () => (await names()).length).toBeGreaterThan(disabled.length)

  // Filter: still valid and expiring within 7 days, and of those only the ones that restrict models.
  await page.getByRole('button', { name: new RegExp(`^${L.tokens.filters.title}`) }).click()
  await page.getByLabel(L.tokens.filters.expiringWithin, { exact: true }).fill('7')
  await page.getByRole('checkbox', { name: L.tokens.filters.trait.modelLimits, exact: true }).click()
  await page.keyboard.press('Escape')
  const now = NOW()
  const soon = stored.filter((t) => t.expired_time > now && t.expired_time <= now + 7 * DAY)
  const soonRestricted = soon.filter((t) => t.model_limits_enabled)
  expect(soonRestricted.length).toBeGreaterThan(0)
  await expect
    .poll(async () => (await names()).sort())
    .toEqual(soonRestricted.map((t) => t.name || L.tokens.unnamed).sort())
  await snap(page, testInfo, 'filters-expiring-restricted')
  const chip = (filter: string) =>
    page.getByRole('button', { name: fill(L.tokens.filters.remove, { filter }), exact: true })
  await chip(L.tokens.filters.trait.modelLimits).click()
  await expect
    .poll(async () => (await names()).sort())
    .toEqual(soon.map((t) => t.name || L.tokens.unnamed).sort())
  await chip(fill(L.tokens.filters.expiringChip, { days: 7 }, 7)).click()
  await expect(
    page.getByText(fill(L.tokens.count, { shown: count(stored.length, L), total: count(stored.length, L) })),
  ).toBeVisible()

  // Search by the readable end of a masked key.
  const target = stored.find(isEnabledNow)!
  await page.getByLabel(L.tokens.search, { exact: true }).fill(target.key.slice(-4))
  await expect.poll(names).toEqual([target.name])
  await page.getByLabel(L.tokens.search, { exact: true }).fill('')
}

async function selectAndAct(page: Page, sandbox: SandboxGateway, testInfo: TestInfo, L: Catalogue) {
  const grid = page.getByRole('grid')
  const rows = grid.locator('[role="row"][data-token-id]')
  const shownIds = async () =>
    await rows.evaluateAll((all) => all.map((row) => Number(row.getAttribute('data-token-id'))))
  const ids = await shownIds()
  // Three enabled tokens next to each other in the list, picked with a click and a Shift-click.
  const enabled = new Set(
    sandbox.control
      .tokens()
      .filter(isEnabledNow)
      .map((t) => t.id),
  )
  const start = ids.findIndex((id, index) => [0, 1, 2].every((step) => enabled.has(ids[index + step] ?? 0)))
  expect(start).toBeGreaterThanOrEqual(0)
  const picked = ids.slice(start, start + 3)
  const nameOf = (id: number) => sandbox.control.token(id)!.name
  const lastPicked = page.getByRole('checkbox', {
    name: fill(L.tokens.selectRow, { name: nameOf(picked[2]!) }),
  })
  const before = await lastPicked.boundingBox()
  await page.getByRole('checkbox', { name: fill(L.tokens.selectRow, { name: nameOf(picked[0]!) }) }).click()
  const toolbar = page.getByRole('toolbar', { name: L.tokens.selection.label })
  await expect(toolbar).toBeVisible()
  // The selection bar appears without moving the rows: the next click lands where the user aimed it.
  expect(await lastPicked.boundingBox()).toEqual(before)
  await lastPicked.click({ modifiers: ['Shift'] })
  await expect(toolbar).toContainText(fill(L.tokens.selection.count, { count: count(3, L) }))
  await snap(page, testInfo, 'selection')
  // It floats over the table's foot, and the table leaves room to scroll its last row above it.
  await grid.evaluate((element) => element.scrollTo({ top: element.scrollHeight }))
  const lastRow = grid.locator(`[role="row"][aria-rowindex="${await grid.getAttribute('aria-rowcount')}"]`)
  await expect(lastRow).toBeVisible()
  const [rowBox, barBox] = [await lastRow.boundingBox(), await toolbar.boundingBox()]
  expect(rowBox!.y + rowBox!.height).toBeLessThanOrEqual(barBox!.y)
  await grid.evaluate((element) => element.scrollTo({ top: 0 }))

  await toolbar.getByRole('button', { name: L.tokens.disable, exact: true }).click()
  await expect.poll(() => picked.map((id) => sandbox.control.token(id)?.status)).toEqual([2, 2, 2])
  const untouched = ids.filter((id) => !picked.includes(id) && enabled.has(id))
  expect(untouched.every((id) => sandbox.control.token(id)?.status === 1)).toBe(true)

  await toolbar.getByRole('button', { name: L.tokens.delete, exact: true }).click()
  const dialog = page.getByRole('alertdialog')
  await expect(dialog).toContainText(fill(L.tokens.bulk.deleteConfirm, { count: count(3, L) }))
  await snap(page, testInfo, 'delete-confirm')
  await dialog.getByRole('button', { name: fill(L.tokens.bulk.deleteCount, { count: count(3, L) }) }).click()
  await expect
    .poll(() => picked.map((id) => sandbox.control.token(id)))
    .toEqual([undefined, undefined, undefined])
  await expect(rows.filter({ has: page.locator(`[data-token-id="${picked[0]}"]`) })).toHaveCount(0)
  expect(untouched.every((id) => sandbox.control.token(id) !== undefined)).toBe(true)
}

async function keyboard(page: Page, L: Catalogue) {
  const grid = page.getByRole('grid')
  const cells = grid.locator('[data-cell="name"]')
  const second = (await cells.nth(1).textContent())!.trim()
  // The header is a single stop: ↑ from the first row reaches it (that column's sort button), Home and
  // ←/→ move along it, Shift+→ widens a column, and Tab goes on into the rows, not through every column.
  await cells.first().focus()
  await page.keyboard.press('ArrowUp')
  await expect(
    grid.getByRole('columnheader', { name: L.tokens.columns.name }).getByRole('button'),
  ).toBeFocused()
  await page.keyboard.press('Home')
  await expect(grid.getByRole('columnheader').first().getByRole('checkbox')).toBeFocused()
  await page.keyboard.press('ArrowRight')
  const nameHeader = grid.getByRole('columnheader', { name: L.tokens.columns.name })
  await expect(nameHeader.getByRole('button')).toBeFocused()
  const width = async () => (await nameHeader.boundingBox())!.width
  const before = await width()
  await page.keyboard.press('Shift+ArrowRight')
  await expect.poll(width).toBe(before + 16)
  await expect(nameHeader).toHaveAttribute('aria-sort', 'none')
  await page.keyboard.press('Tab')
  await expect(cells.first()).toBeFocused()
  // ←/→ go along the row, cell by cell, and back.
  await page.keyboard.press('ArrowRight')
  await expect(grid.locator('[data-cell="status"]').first()).toBeFocused()
  await page.keyboard.press('ArrowLeft')
  await expect(cells.first()).toBeFocused()
  // Home/End go to the row's checkbox and its last button; back to the name.
  await page.keyboard.press('End')
  await expect(page.locator(':focus')).toHaveAttribute('data-action', 'keys')
  await page.keyboard.press('Home')
  await expect(page.locator(':focus')).toHaveAttribute('data-action', 'select')
  await page.keyboard.press('ArrowRight')
  await expect(cells.first()).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(cells.nth(1)).toBeFocused()
  await page.keyboard.press('Space')
  const bar = page.getByRole('toolbar', { name: L.tokens.selection.label })
  await expect(bar).toContainText(fill(L.tokens.selection.count, { count: count(1, L) }))
  // The bar's Clear goes away with the selection: the focus comes back to the row, not to nowhere.
  await bar.getByRole('button', { name: L.tokens.selection.clear }).focus()
  await page.keyboard.press('Enter')
  await expect(bar).toHaveCount(0)
  await expect(cells.nth(1)).toBeFocused()
  await page.keyboard.press('Space')
  await expect(bar).toContainText(fill(L.tokens.selection.count, { count: count(1, L) }))
  await page.keyboard.press('Escape')
  await expect(page.getByRole('toolbar', { name: L.tokens.selection.label })).toHaveCount(0)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('dialog')).toBeVisible()
  await expect(page.getByRole('dialog').locator('#token-name')).toHaveValue(second)
}
