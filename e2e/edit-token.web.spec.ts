import { AppShell } from './pages/app-shell'
import { TokensPage } from './pages/tokens-page'
import { test, expect } from './fixtures/app-fixture'
import {
  addSandboxServer,
  editNameQuotaAndExpiry,
  pickEditableToken,
  renameWhileInUse,
} from './flows/edit-token-flow'

// The real app in Chromium through the browser host, against the sandbox gateway over loopback.

test.beforeEach(async ({ page, webHost, sandbox }) => {
  await new AppShell(page).goto(webHost.url)
  await addSandboxServer(page, sandbox)
})

test('changes name, quota in dollars and expiry; the server holds exactly those values', async ({
  page,
  sandbox,
}) => {
  await editNameQuotaAndExpiry(page, sandbox)
})

test('quota consumed while the editor was open is not given back', async ({ page, sandbox }) => {
  await renameWhileInUse(page, sandbox)
})

test('invalid input shows a clear error, keeps the draft and sends nothing', async ({ page, sandbox }) => {
  const target = pickEditableToken(sandbox)
  const editor = await new TokensPage(page).openEditor(target.name)
  sandbox.control.clearRequests()
  await editor.setName('Kept draft name')
  await editor.setAllowIps(['10.0.0.0/8', '10.0.0.300'])
  await editor.save()
  await editor.expectError('10.0.0.300')
  await editor.expectValue('Name', 'Kept draft name')
  expect(sandbox.control.requests().filter((r) => r.method === 'PUT')).toHaveLength(0)
  expect(sandbox.control.token(target.id)?.name).toBe(target.name)

  // Fixing the mistake saves the kept draft.
  await editor.setAllowIps(['10.0.0.0/8'])
  await editor.save()
  await editor.expectSaved('Kept draft name')
  expect(sandbox.control.token(target.id)).toMatchObject({ name: 'Kept draft name', allow_ips: '10.0.0.0/8' })
})

test('a wrong access token is refused with a translated auth error and nothing is saved', async ({
  page,
  sandbox,
  dataDir,
}) => {
  const { ProfilesPage } = await import('./pages/profiles-page')
  const profiles = new ProfilesPage(page)
  await profiles.addProfile({
    name: 'Wrong token',
    baseUrl: sandbox.baseUrl,
    userId: sandbox.userId,
    accessToken: 'nope',
  })
  await profiles.expectError('The server could not be added')
  await profiles.expectError(/access token/i)
  const { readFile } = await import('node:fs/promises')
  const saved = JSON.parse(await readFile(`${dataDir}/profiles.json`, 'utf8')) as {
    profiles: { name: string }[]
  }
  expect(saved.profiles.map((p) => p.name)).not.toContain('Wrong token')
})

test('the editor covers none of the table in a wide window: row actions and the toolbar stay in reach', async ({
  page,
  sandbox,
}) => {
  await page.setViewportSize({ width: 1366, height: 800 })
  const target = pickEditableToken(sandbox)
  const tokens = new TokensPage(page)
  const editor = await tokens.openEditor(target.name)
  const panel = await editor.dialog.boundingBox()
  const rowDelete = await tokens.rowAction('deleteAria', target.name).boundingBox()
  const refresh = await page.getByRole('button', { name: 'Refresh', exact: true }).boundingBox()
  expect(panel && rowDelete && refresh).toBeTruthy()
  // Left of the panel, with a gap.
  expect(rowDelete!.x + rowDelete!.width).toBeLessThan(panel!.x)
  expect(refresh!.x + refresh!.width).toBeLessThan(panel!.x)
  // Nothing lies over them: a click would reach them (Playwright's hit-target check, without clicking).
  await tokens.rowAction('deleteAria', target.name).click({ trial: true, timeout: 2_000 })
  await page.getByRole('button', { name: 'Refresh', exact: true }).click({ trial: true, timeout: 2_000 })
  await expect(editor.dialog).toBeVisible()
})
