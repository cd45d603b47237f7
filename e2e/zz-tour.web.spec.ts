import { test, expect } from './fixtures/app-fixture'
import { AppShell } from './pages/app-shell'
import { ProfilesPage } from './pages/profiles-page'

test('tour', async ({ page, webHost, sandbox }) => {
  await page.setViewportSize({ width: 1280, height: 900 })
  const shell = new AppShell(page)
  await shell.goto(webHost.url)
  await page.screenshot({ path: '/tmp/shots/01-empty.png', fullPage: true })
  const profiles = new ProfilesPage(page)
  await profiles.fillProfile({
    name: 'AnyAPI',
    baseUrl: sandbox.baseUrl,
    userId: sandbox.userId + 3,
    accessToken: sandbox.accessToken,
  })
  await profiles.testConnection()
  await expect(profiles.form).toContainText('belongs to user')
  await profiles.form.scrollIntoViewIfNeeded()
  await page.screenshot({ path: '/tmp/shots/02-wrong-user.png', fullPage: true })
  await profiles.form.getByRole('button', { name: /Use user ID/ }).click()
  await profiles.testConnection()
  await expect(profiles.form).toContainText('Connected')
  await page.screenshot({ path: '/tmp/shots/03-test-ok.png', fullPage: true })
  await profiles.form.getByRole('button', { name: 'Add server' }).click()
  await profiles.expectAdded('AnyAPI')
  await profiles.addProfile({
    name: 'Prod',
    baseUrl: sandbox.baseUrl,
    userId: sandbox.userId,
    accessToken: sandbox.accessToken,
  })
  await profiles.expectAdded('Prod')
  let dialog = await profiles.edit('Prod')
  await dialog.getByRole('switch').click()
  await page.screenshot({ path: '/tmp/shots/04-edit.png', fullPage: true })
  await dialog.getByRole('button', { name: 'Save changes' }).click()
  await expect(shell.toast('Server “Prod” saved.')).toBeVisible()
  await page.getByRole('button', { name: 'Try the demo server' }).count()
  await profiles.open()
  await page.screenshot({ path: '/tmp/shots/05-list.png', fullPage: true })
  await shell.nav('Tokens').click()
  await page.waitForTimeout(800)
  await page.screenshot({ path: '/tmp/shots/06-prod-tokens.png' })
  await page.locator('input[type="file"]').setInputFiles({
    name: 'list.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      JSON.stringify({
        format: 'tokendesk.servers',
        version: 1,
        exportedAt: 'x',
        servers: [
          { name: 'Imported', baseUrl: 'https://gw.example.com/console/token', userId: 12 },
          { name: 'Prod', baseUrl: sandbox.baseUrl, userId: sandbox.userId },
          { name: 'Bad', baseUrl: 'ftp://x', userId: 'abc' },
        ],
      }),
    ),
  })
  await expect(page.getByRole('dialog', { name: 'Import servers' })).toBeVisible()
  await page.screenshot({ path: '/tmp/shots/07-import.png' })
  await page.getByRole('button', { name: 'Import 1 server(s)' }).click()
  await profiles.select('Imported')
  await page.waitForTimeout(800)
  await page.screenshot({ path: '/tmp/shots/08-token-needed.png' })
  await shell.setLanguage('简体中文')
  await shell
    .nav('Servers')
    .click()
    .catch(() => undefined)
  await page.getByRole('navigation').getByRole('button').nth(2).click()
  await page.waitForTimeout(500)
  await page.screenshot({ path: '/tmp/shots/09-zh-list.png', fullPage: true })
})
