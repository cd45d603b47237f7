import { DEFAULT_CRITICAL_BUDGET } from '../src/main/core/gateway/pacing-budget'
import { TokensPage } from './pages/tokens-page'
import { test, expect } from './fixtures/app-fixture'
import { filesContaining } from './fixtures/secret-scan'
import { fill, forEachUi, snap, textPattern, textWithin } from './fixtures/ui-matrix'
import { openOnSandbox, pickEditableToken } from './flows/edit-token-flow'

// The key menu in the real app in Chromium through the browser host, in both languages and colour
// schemes: the key lands on the clipboard (read back here), the reveals left go down, "open in" hands the
// client's deep link to the browser, and no key reaches the data folder or the host's output. (Keys do cross the bridge here, on purpose: in the
// browser host the page is what writes the clipboard.)

const keyReveals = (requests: { method: string; path: string }[]) =>
  requests.filter((r) => r.method === 'POST' && r.path.includes('/key'))

forEachUi('token keys', ({ L }) => {
  test.beforeEach(async ({ page, context, webHost, sandbox }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: webHost.origin })
    // Observe which deep links the page hands to the browser (the click itself still happens).
    await page.addInitScript(() => {
      const opened: string[] = []
      Object.assign(window, { openedLinks: opened })
      const click = HTMLAnchorElement.prototype.click
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        opened.push(this.href)
        return click.call(this)
      }
    })
    await openOnSandbox(page, webHost.url, sandbox, L)
  })

  test('copies a key, shows the reveals left going down, opens it in a client, and keeps it off disk', async ({
    page,
    sandbox,
    dataDir,
    webHost,
  }, testInfo) => {
    const tokens = new TokensPage(page, L)
    const target = pickEditableToken(sandbox)
    const editor = await tokens.openEditor(target.name)
    const trigger = editor.dialog.getByRole('button', {
      name: fill(L.keys.menuFor, { name: target.name }),
      exact: true,
    })
    const menu = page.locator('.n-dropdown-menu').filter({ visible: true })
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText())
    const budgetLine = menu.getByRole('status')

    await trigger.click()
    // The reveals left in the server's critical window, before any was spent.
    await expect(budgetLine).toHaveText(textPattern(L.keys.budget))
    const [, left, limit] = textPattern(L.keys.budget).exec((await budgetLine.textContent()) ?? '')!
    const fresh = Number(left)
    expect(fresh).toBe(Number(limit))
    await snap(page, testInfo, 'key-menu')
    await menu.getByText(L.keys.copyKey, { exact: true }).click()
    await expect(editor.shell.toast(L.keys.copiedOne)).toBeVisible()
    expect(await clipboard()).toBe(`sk-${target.key}`)

    await trigger.click()
    const windowMinutes = DEFAULT_CRITICAL_BUDGET.windowSeconds / 60
    await expect(budgetLine).toHaveText(
      `${fill(L.keys.budget, { left: fresh - 1, limit: fresh })} · ${fill(L.keys.budgetNext, { minutes: windowMinutes })}`,
    )
    await menu.getByText(L.keys.copyJson, { exact: true }).click()
    await expect(editor.shell.toast(L.keys.copiedJson)).toBeVisible()
    expect(JSON.parse(await clipboard())).toEqual({
      _type: 'newapi_channel_conn',
      key: `sk-${target.key}`,
      url: sandbox.baseUrl,
    })

    // Connection info, labelled in the window's language.
    await trigger.click()
    await menu.getByText(L.keys.copyConnection, { exact: true }).click()
    await expect(editor.shell.toast(L.keys.copiedConnection)).toBeVisible()
    const labels = L.keys.connectionLabels
    expect(await clipboard()).toBe(
      `${labels.baseUrl}: ${sandbox.baseUrl}\n${labels.apiKey}: sk-${target.key}`,
    )

    await trigger.click()
    // The key is held in main for the session: the second copy cost no reveal.
    await expect(budgetLine).toHaveText(textWithin(fill(L.keys.budget, { left: fresh - 1, limit: fresh })))
    const client = L.keys.targets['cc-switch-codex']
    await menu.getByText(client, { exact: true }).click()
    await expect(editor.shell.toast(fill(L.keys.opening, { client }))).toBeVisible()
    const links = await page.evaluate(() => (window as unknown as { openedLinks: string[] }).openedLinks)
    expect(links).toHaveLength(1)
    const link = new URL(links[0]!)
    expect(link.protocol).toBe('ccswitch:')
    expect(link.searchParams.get('apiKey')).toBe(`sk-${target.key}`)
    expect(link.searchParams.get('endpoint')).toBe(`${sandbox.baseUrl}/v1`)
    expect(keyReveals(sandbox.control.requests())).toHaveLength(1)

    await webHost.stop() // flushes the log
    expect(await filesContaining(dataDir, target.key)).toEqual([])
    expect(webHost.output()).not.toContain(target.key)
  })

  test('offers the key of a token just created, in the notice that says so', async ({ page, sandbox }) => {
    const tokens = new TokensPage(page, L)
    const revealsBefore = keyReveals(sandbox.control.requests()).length
    const editor = await tokens.createToken()
    await editor.setName('e2e-for-a-customer')
    await editor.create()
    await expect(editor.dialog).toBeHidden({ timeout: 20_000 })
    const notice = page
      .getByRole('status')
      .locator('.n-notification')
      .filter({ hasText: fill(L.editor.created, { name: 'e2e-for-a-customer' }) })
    await expect(notice).toBeVisible()
    // Nothing revealed until asked for.
    expect(keyReveals(sandbox.control.requests())).toHaveLength(revealsBefore)
    await notice.getByRole('button', { name: L.keys.copyKey, exact: true }).click()
    await expect(editor.shell.toast(L.keys.copiedOne)).toBeVisible()
    const made = sandbox.control.tokens().find((token) => token.name === 'e2e-for-a-customer')!
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`sk-${made.key}`)
    await expect(notice).toBeHidden()
  })
})
