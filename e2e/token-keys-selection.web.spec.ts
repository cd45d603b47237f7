import { TokensPage } from './pages/tokens-page'
import { test, expect } from './fixtures/app-fixture'
import { filesContaining } from './fixtures/secret-scan'
import { fill, forEachUi, snap, textPattern, textWithin } from './fixtures/ui-matrix'
import { openOnSandbox } from './flows/edit-token-flow'

// Several keys at once, as a user copies them: tick tokens in the table, open the key menu of the
// selection bar, copy. The clipboard holds exactly those keys, one per line in the table's listed order,
// the reveals left go down by the one batch reveal it cost, and no key reaches the data folder or the
// host's output. The ticks and the click on the menu follow each other as fast as Playwright can send them:
// a user clicking fast must not find the first click lost. And a row's key button, from the keyboard: the
// screen's one menu opens under it and gives the focus back on Escape.
// (No "open in" here: a custom-scheme link in headless Chromium leaves an external-protocol prompt nobody
// can answer, and the page then receives no more mouse input — token-keys.web.spec.ts does it last.)

const keyReveals = (requests: { method: string; path: string }[]) =>
  requests.filter((r) => r.method === 'POST' && r.path.includes('/key'))

forEachUi('key menu of the table', ({ L }) => {
  test.beforeEach(async ({ page, context, webHost, sandbox }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: webHost.origin })
    await openOnSandbox(page, webHost.url, sandbox, L)
  })

  test('copies the keys of the ticked tokens in one reveal and shows the reveals left going down', async ({
    page,
    sandbox,
    dataDir,
    webHost,
  }, testInfo) => {
    const tokens = new TokensPage(page, L)
    const rows = page.getByRole('grid').locator('[role="row"][data-token-id]')
    await expect(rows.first()).toBeVisible()
    // Three tokens with names of their own, as the table lists them (ids read from the rows shown).
    const shown = await rows.evaluateAll((all) => all.map((row) => Number(row.getAttribute('data-token-id'))))
    const named = shown.map((id) => sandbox.control.token(id)!).filter((token) => token.name !== '')
    const picked = named
      .filter((token) => named.filter((other) => other.name === token.name).length === 1)
      .slice(0, 3)
    expect(picked).toHaveLength(3)

    for (const token of picked)
      await page.getByRole('checkbox', { name: fill(L.tokens.selectRow, { name: token.name }) }).click()
    const toolbar = page.getByRole('toolbar', { name: L.tokens.selection.label })
    await expect(toolbar).toContainText(fill(L.tokens.selection.count, { count: picked.length }))
    const trigger = toolbar.getByRole('button', {
      name: fill(L.keys.menuForMany, { count: picked.length }),
      exact: true,
    })
    const menu = page.getByRole('menu', { name: fill(L.keys.menuForMany, { count: picked.length }) })
    const budgetLine = menu.getByRole('status')

    await trigger.click()
    await expect(trigger).toHaveAttribute('aria-expanded', 'true')
    await expect(budgetLine).toHaveText(textPattern(L.keys.budget))
    const [, left, limit] = textPattern(L.keys.budget).exec((await budgetLine.textContent()) ?? '')!
    const fresh = Number(left)
    expect(fresh).toBe(Number(limit))
    await snap(page, testInfo, 'keys-of-selection')

    await menu.getByRole('menuitem', { name: fill(L.keys.copyKeys, { count: picked.length }) }).click()
    await expect(tokens.shell.toast(fill(L.keys.copiedMany, { count: picked.length }))).toBeVisible()
    await expect(menu).toBeHidden()
    await expect(trigger).toHaveAttribute('aria-expanded', 'false')
    await expect(trigger).toBeFocused()
    const clipboard = await page.evaluate(() => navigator.clipboard.readText())
    expect(clipboard.split('\n')).toEqual(picked.map((token) => `sk-${token.key}`))
    expect(keyReveals(sandbox.control.requests())).toHaveLength(1)

    await trigger.click()
    // One batch reveal for the three keys; the wait for it to free up follows the count.
    await expect(budgetLine).toHaveText(textWithin(fill(L.keys.budget, { left: fresh - 1, limit: fresh })))
    await page.keyboard.press('Escape')
    await expect(menu).toBeHidden()
    await expect(trigger).toBeFocused()

    await trigger.click()
    // The same keys with their tokens' names, a line each: no second reveal (main keeps them for the session).
    await menu
      .getByRole('menuitem', { name: fill(L.keys.copyNamesAndKeys, { count: picked.length }) })
      .click()
    await expect(menu).toBeHidden()
    const namedKeys = await page.evaluate(() => navigator.clipboard.readText())
    expect(namedKeys.split('\n')).toEqual(picked.map((token) => `${token.name}\tsk-${token.key}`))
    expect(keyReveals(sandbox.control.requests())).toHaveLength(1)
    await expect(trigger).toBeFocused()

    await webHost.stop() // flushes the log
    for (const token of picked) {
      expect(await filesContaining(dataDir, token.key)).toEqual([])
      expect(webHost.output()).not.toContain(token.key)
    }
  })

  test('the key button of a row opens the one menu from the keyboard, under that button, gets the focus back, and an item picked with Enter runs once', async ({
    page,
    sandbox,
  }) => {
    const tokens = new TokensPage(page, L)
    const rows = page.getByRole('grid').locator('[role="row"][data-token-id]')
    await expect(rows.first()).toBeVisible()
    const id = Number(await rows.nth(2).getAttribute('data-token-id'))
    const token = sandbox.control.token(id)!
    const name = token.name || L.tokens.unnamed
    const trigger = rows.nth(2).getByRole('button', { name: fill(L.keys.menuFor, { name }), exact: true })
    const menu = page.getByRole('menu', { name: fill(L.keys.menuFor, { name }) })

    await trigger.focus()
    await page.keyboard.press('Enter')
    await expect(menu).toBeVisible()
    await expect(trigger).toHaveAttribute('aria-expanded', 'true')
    await expect(page.getByRole('menu')).toHaveCount(1)
    // Anchored to the button: the menu opens below it, its right edge on the button's.
    const button = (await trigger.boundingBox())!
    const box = (await menu.boundingBox())!
    expect(box.y).toBeGreaterThanOrEqual(button.y + button.height - 1)
    expect(Math.abs(box.x + box.width - (button.x + button.width))).toBeLessThanOrEqual(12)
    await expect(menu.getByRole('menuitem', { name: L.keys.copyKey, exact: true })).toBeVisible()

    await page.keyboard.press('Escape')
    await expect(menu).toBeHidden()
    await expect(trigger).toHaveAttribute('aria-expanded', 'false')
    await expect(trigger).toBeFocused()
    expect(sandbox.control.requests().filter((r) => r.path.includes('/key'))).toEqual([])

    // Opened from the keyboard, its first item is picked: Enter, Enter copies the key, once; the second
    // Enter does not also reach the button under the focus and open the menu again.
    await page.keyboard.press('Enter')
    await expect(menu).toBeVisible()
    await expect(menu.locator('.n-dropdown-option-body--pending')).toHaveText(L.keys.copyKey)
    await page.keyboard.press('Enter')
    await expect(tokens.shell.toast(L.keys.copiedOne)).toBeVisible()
    await expect(menu).toBeHidden()
    await expect(trigger).toHaveAttribute('aria-expanded', 'false')
    await expect(trigger).toBeFocused()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`sk-${token.key}`)
    expect(keyReveals(sandbox.control.requests())).toHaveLength(1)

    // The lowest row in view, near the window's foot: its menu opens upwards, above its button, not
    // over it.
    const gridBox = (await page.getByRole('grid').boundingBox())!
    const keyButtons = rows.locator('[data-action="keys"]')
    let lowest = keyButtons.first()
    for (let index = (await keyButtons.count()) - 1; index >= 0; index -= 1) {
      const box = await keyButtons.nth(index).boundingBox()
      if (box && box.y + box.height <= gridBox.y + gridBox.height) {
        lowest = keyButtons.nth(index)
        break
      }
    }
    const lowBox = (await lowest.boundingBox())!
    expect(page.viewportSize()!.height - (lowBox.y + lowBox.height)).toBeLessThan(200)
    await lowest.click()
    const upward = page.getByRole('menu')
    await expect(upward).toBeVisible()
    const upBox = (await upward.boundingBox())!
    expect(upBox.y + upBox.height).toBeLessThanOrEqual(lowBox.y + 1)
    await page.keyboard.press('Escape')
    await expect(upward).toBeHidden()
  })
})
