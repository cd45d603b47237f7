import { AppShell } from './pages/app-shell'
import { TokensPage } from './pages/tokens-page'
import { test, expect } from './fixtures/app-fixture'
import { filesContaining } from './fixtures/secret-scan'
import { addSandboxServer, pickEditableToken } from './flows/edit-token-flow'

// The key menu in the real app in Chromium through the browser host: the key lands on the clipboard (read
// back here), the reveals left go down, "open in" hands the client's deep link to the browser, and no key
// reaches the data folder or the host's output. (Keys do cross the bridge here, on purpose: in the
// browser host the page is what writes the clipboard.)

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
  await new AppShell(page).goto(webHost.url)
  await addSandboxServer(page, sandbox)
})

test('copies a key, shows the reveals left going down, opens it in a client, and keeps it off disk', async ({
  page,
  sandbox,
  dataDir,
  webHost,
}, testInfo) => {
  const target = pickEditableToken(sandbox)
  const editor = await new TokensPage(page).openEditor(target.name)
  const trigger = editor.dialog.getByRole('button', { name: `Key actions for ${target.name}`, exact: true })
  const menu = page.locator('.n-dropdown-menu')

  await trigger.click()
  await expect(menu.getByText('Key reveals left: 19 of 19', { exact: true })).toBeVisible()
  await page.screenshot({ path: testInfo.outputPath('key-menu.png') })
  await menu.getByText('Copy key', { exact: true }).click()
  await expect(page.getByText('Key copied to the clipboard.')).toBeVisible()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`sk-${target.key}`)

  await trigger.click()
  await expect(menu.getByText(/^Key reveals left: 18 of 19 · next frees in 20 min$/)).toBeVisible()
  await menu.getByText('Copy as JSON for another gateway', { exact: true }).click()
  await expect(page.getByText('Connection info copied to the clipboard.')).toBeVisible()
  expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toEqual({
    _type: 'newapi_channel_conn',
    key: `sk-${target.key}`,
    url: sandbox.baseUrl,
  })

  await trigger.click()
  // The key is held in main for the session: the second copy cost no reveal.
  await expect(menu.getByText(/^Key reveals left: 18 of 19/)).toBeVisible()
  await menu.getByText('CC Switch · Codex', { exact: true }).click()
  await expect(page.getByText(/^Opening CC Switch · Codex\./)).toBeVisible()
  const links = await page.evaluate(() => (window as unknown as { openedLinks: string[] }).openedLinks)
  expect(links).toHaveLength(1)
  const link = new URL(links[0]!)
  expect(link.protocol).toBe('ccswitch:')
  expect(link.searchParams.get('apiKey')).toBe(`sk-${target.key}`)
  expect(link.searchParams.get('endpoint')).toBe(`${sandbox.baseUrl}/v1`)
  const reveals = sandbox.control.requests().filter((r) => r.method === 'POST' && r.path.includes('/key'))
  expect(reveals).toHaveLength(1)

  await webHost.stop() // flushes the log
  expect(await filesContaining(dataDir, target.key)).toEqual([])
  expect(webHost.output()).not.toContain(target.key)
})
