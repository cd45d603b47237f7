import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import keytar from 'keytar'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { startSandbox } from '../src/sandbox/index'
import { keychainScope } from '../src/main/core/vault/keychain-scope'
import { test, expect } from './fixtures/app-fixture'
import { recordBridge } from './fixtures/bridge-recorder'
import { addSandboxServer } from './flows/edit-token-flow'
import { filesContaining } from './fixtures/secret-scan'
import { startWebHost } from './fixtures/web-host-process'
import { AppShell } from './pages/app-shell'
import { ProfilesPage } from './pages/profiles-page'
import { TokensPage } from './pages/tokens-page'

// Saved servers as an operator with several gateways uses them, in the real UI: two servers side by
// side, every way a connection can be wrong named at its field, an edit that replaces the access token,
// a lost keychain entry recovered in place, and the list moved to a fresh data folder — and afterwards
// no access token anywhere it should not be.

const listening: Server[] = []
test.afterEach(async () => {
  for (const server of listening.splice(0)) await new Promise((resolve) => server.close(resolve))
})

/** A web server that is not new-api (every path answers a page), and an address where nothing listens. */
async function otherAddresses(): Promise<{ webPage: string; closed: string }> {
  const web = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html' })
    response.end('<!doctype html><title>Welcome to nginx!</title>')
  })
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve))
  listening.push(web)
  const spare = createServer()
  await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve))
  const { port } = spare.address() as AddressInfo
  await new Promise((resolve) => spare.close(resolve))
  return {
    webPage: `http://127.0.0.1:${(web.address() as AddressInfo).port}`,
    closed: `http://127.0.0.1:${port}`,
  }
}

test('two servers side by side; each wrong part of a connection is named at its field; one removed', async ({
  page,
  webHost,
  sandbox,
  keychainService,
  secretHygiene,
}) => {
  const second = await startSandbox({ mode: 'classic' })
  secretHygiene.watch(second.accessToken)
  secretHygiene.watch('not-the-token') // a wrong token is a secret too (it may be someone else's)
  try {
    await new AppShell(page).goto(webHost.url)
    const profiles = new ProfilesPage(page)
    const tokens = new TokensPage(page)
    const good = { baseUrl: sandbox.baseUrl, userId: sandbox.userId, accessToken: sandbox.accessToken }
    const { webPage, closed } = await otherAddresses()

    // Wrong access token, wrong user id (the server says whose the token is), nothing there, not new-api.
    await profiles.fillProfile({ name: 'First', ...good, accessToken: 'not-the-token' })
    await profiles.testConnection()
    await profiles.expectFieldIssue('Access token', 'The server does not accept this access token.')
    await profiles.fillProfile({ name: 'First', ...good, userId: sandbox.userId + 4 })
    await profiles.testConnection()
    await profiles.expectFieldIssue('User ID', `This access token belongs to user ${sandbox.userId}`)
    await profiles.form.getByRole('button', { name: `Use user ID ${sandbox.userId}` }).click()
    await expect(profiles.form.getByLabel('User ID', { exact: true })).toHaveValue(String(sandbox.userId))
    await profiles.fillProfile({ name: 'First', ...good, baseUrl: closed })
    await profiles.testConnection()
    await profiles.expectFieldIssue('Server address', 'Nothing answers at this address (connection refused).')
    await profiles.fillProfile({ name: 'First', ...good, baseUrl: webPage })
    await profiles.testConnection()
    await profiles.expectFieldIssue('Server address', 'Something answers here, but not a new-api server.')

    // Right at last: the test shows what it found, then the server is added.
    await profiles.fillProfile({ name: 'First', ...good })
    await profiles.testConnection()
    await expect(profiles.form.getByRole('definition').first()).toBeVisible()
    await expect(profiles.form).toContainText('500,000 units = $1.00')
    await profiles.form.getByRole('button', { name: 'Add server' }).click()
    await profiles.expectAdded('First')

    // A classic server names a wrong user id from its own (Chinese) answer.
    await profiles.fillProfile({
      name: 'Second',
      baseUrl: second.baseUrl,
      userId: second.userId + 1,
      accessToken: second.accessToken,
    })
    await profiles.form.getByRole('button', { name: 'Add server' }).click()
    await profiles.expectFieldIssue('User ID', 'This user ID does not belong to the access token.')
    await expect(profiles.form).toContainText('New-Api-User 与登录用户不匹配')
    await profiles.form.getByLabel('User ID', { exact: true }).fill(String(second.userId))
    await profiles.form.getByRole('button', { name: 'Add server' }).click()
    await profiles.expectAdded('Second')

    // Each server shows its own tokens, and the header names the one shown, with its production mark.
    const picker = page.getByRole('banner').locator('.n-base-selection')
    await tokens.expectTokenRow(second.control.tokens()[0]!.name)
    const dialog = await profiles.edit('Second')
    await dialog.getByRole('switch', { name: 'Production server' }).click()
    await dialog.getByRole('button', { name: 'Save changes' }).click()
    await expect(picker).toContainText('SecondProduction')
    await profiles.select('First')
    await tokens.expectTokenRow(sandbox.control.tokens()[0]!.name)
    await expect(picker).toHaveText('First')
    await profiles.select('Second')
    await expect(picker).toContainText('SecondProduction')
    await expect(page.locator('.shell--production')).toHaveCount(1)

    // The active server removed, once its question is answered: its access token leaves the keychain,
    // and the other server takes its place, with its tokens.
    expect(await keytar.findCredentials(keychainService)).toHaveLength(2)
    await profiles.remove('Second')
    expect(await keytar.findCredentials(keychainService)).toHaveLength(1)
    await profiles.expectActive('First')
    await expect(picker).toHaveText('First')
    await tokens.open()
    await tokens.expectTokenRow(sandbox.control.tokens()[0]!.name)
  } finally {
    await second.close()
  }
})

test('edit a server, replace its token, recover a lost keychain entry, move the list to a fresh folder', async ({
  page,
  webHost,
  sandbox,
  dataDir,
  keychainService,
  secretHygiene,
}) => {
  secretHygiene.watch('wrong-token-typed-in-the-edit')
  const recorder = recordBridge(page, webHost.origin, webHost.secret)
  const shell = new AppShell(page)
  await shell.goto(webHost.url)
  const profiles = new ProfilesPage(page)
  const tokens = new TokensPage(page)
  const someToken = sandbox.control.tokens()[0]!.name
  await addSandboxServer(page, sandbox, 'Gateway')

  // Edit: a new name, the production mark, and a wrong new token (refused, nothing saved), then the right one.
  const dialog = await profiles.edit('Gateway')
  await expect(dialog).toContainText('An access token is stored (set')
  await expect(dialog.getByLabel('Access token', { exact: true })).toHaveValue('')
  await dialog.getByLabel('Name', { exact: true }).fill('Main gateway')
  await dialog.getByLabel('Access token', { exact: true }).fill('wrong-token-typed-in-the-edit')
  await dialog.getByRole('button', { name: 'Save changes' }).click()
  await profiles.expectFieldIssue('Access token', 'The server does not accept this access token.', dialog)
  await dialog.getByLabel('Access token', { exact: true }).fill(sandbox.accessToken)
  await dialog.getByRole('button', { name: 'Save changes' }).click()
  await expect(shell.toast('Server “Main gateway” saved.')).toBeVisible()
  await expect(profiles.item('Main gateway')).toBeVisible()

  // The keychain entry disappears (a keychain reset): after a restart the server asks for its token.
  await keytar.deletePassword(keychainService, `${await keychainScope(dataDir)}:${await profileId(dataDir)}`)
  await recorder.stop()
  await webHost.stop()
  const restarted = await startWebHost({ dataDir, keychainService })
  try {
    const again = recordBridge(page, restarted.origin, restarted.secret)
    await shell.goto(restarted.url)
    await shell.nav('Tokens').click()
    const prompt = page.getByRole('alert').filter({ hasText: 'Access token needed for “Main gateway”' })
    await expect(prompt).toBeVisible()
    await expect(page.getByText('Access token refused')).toHaveCount(0)
    await prompt.getByLabel('Access token', { exact: true }).fill(sandbox.accessToken)
    await prompt.getByRole('button', { name: 'Save and connect' }).click()
    await tokens.expectTokenRow(someToken)

    // Export, then import on a fresh data folder: the server comes back and asks for its token.
    await profiles.open()
    const download = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Export list' }).click()
    const exported = await (await download).path()
    const text = await readFile(exported, 'utf8')
    expect(text).toContain('Main gateway')
    expect(text).not.toContain(sandbox.accessToken)
    await again.stop()

    const freshDir = await mkdtemp(join(tmpdir(), 'tokendesk-e2e-import-'))
    const fresh = await startWebHost({ dataDir: freshDir, keychainService })
    try {
      const third = recordBridge(page, fresh.origin, fresh.secret)
      await shell.goto(fresh.url)
      await page.locator('input[type="file"]').setInputFiles(exported)
      const importDialog = page.getByRole('dialog', { name: 'Import servers' })
      await expect(importDialog).toContainText('New: will be added and then ask for its access token.')
      await importDialog.getByRole('button', { name: 'Import 1 server' }).click()
      await expect(profiles.item('Main gateway')).toContainText('Access token needed')
      await shell.nav('Tokens').click()
      const ask = page.getByRole('alert').filter({ hasText: 'Access token needed for “Main gateway”' })
      await ask.getByLabel('Access token', { exact: true }).fill(sandbox.accessToken)
      await ask.getByRole('button', { name: 'Save and connect' }).click()
      await tokens.expectTokenRow(someToken)
      await third.stop()
      await fresh.stop()

      // Secret hygiene: no bridge answer or event, data file, log or output holds the access token.
      const secret = sandbox.accessToken
      const seen = [...recorder.texts, ...again.texts, ...third.texts]
      expect(seen.length).toBeGreaterThan(10)
      expect(seen.filter((line) => line.includes(secret))).toEqual([])
      expect(await filesContaining(dataDir, secret)).toEqual([])
      expect(await filesContaining(freshDir, secret)).toEqual([])
      for (const host of [webHost, restarted, fresh]) expect(host.output()).not.toContain(secret)
    } finally {
      await fresh.stop()
      await rm(freshDir, { recursive: true, force: true })
    }
  } finally {
    await restarted.stop()
  }
})

async function profileId(dataDir: string): Promise<string> {
  const saved = JSON.parse(await readFile(join(dataDir, 'profiles.json'), 'utf8')) as {
    profiles: { id: string }[]
  }
  return saved.profiles[0]!.id
}
