import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test, expect } from './fixtures/app-fixture'
import { addSandboxServer } from './flows/edit-token-flow'
import { startWebHost } from './fixtures/web-host-process'
import { AppShell } from './pages/app-shell'
import { TemplatesPage } from './pages/templates-page'
import { TokensPage } from './pages/tokens-page'

// Token templates in the real app through the browser host: a template made in the UI with the editor's
// own controls, two tokens created with it — the sandbox then holds the template's group, models, IPs,
// quota and an expiry counted from when it was used — and the template moved with the server list to a
// fresh data folder.

const DAY = 86_400
const MODELS = ['claude-3-5-sonnet', 'o3-mini']
const IPS = ['10.0.0.0/8', '2001:db8::/32']

test('a template made in the UI fills new tokens and travels with the server list', async ({
  page,
  webHost,
  sandbox,
  keychainService,
}) => {
  // Two hosts, two creates and a template made field by field: longer than one flow on a busy machine.
  test.setTimeout(150_000)
  const shell = new AppShell(page)
  await shell.goto(webHost.url)
  await addSandboxServer(page, sandbox)

  // The template: prefix, group, models, IP whitelist, 30 days, $20.
  const templates = new TemplatesPage(page)
  const made = await templates.create()
  await made.setName('Team A')
  await made.tick('Sets a name prefix')
  await made.dialog.getByLabel('Name prefix', { exact: true }).fill('team-a-')
  await made.tick('Sets the group')
  await made.groups.chooseGroup('vip')
  await made.groups.closeMenu() // the server takes several groups: the menu stays open for more
  await expect(made.dialog).toBeVisible()
  await made.tick('Sets the model restriction')
  await made.groups.chooseModels(MODELS)
  await made.tick('Sets the IP whitelist')
  await made.dialog.getByLabel('IP whitelist', { exact: true }).fill(IPS.join('\n'))
  await made.tick('Sets the expiry')
  await made.setExpiry('+30 days')
  await made.tick('Sets the quota')
  await made.setQuotaAmount(20)
  await expect(made.dialog).toContainText('= 10,000,000 quota units')
  await made.save()
  await expect(templates.item('Team A')).toContainText(
    'Names start with “team-a-” · Group vip · 2 models · 2 IP entries · Expires +30 days after creation · Quota $20.00',
  )

  // Two tokens with it; the editor shows the prefix, the user finishes each name.
  const tokens = new TokensPage(page)
  const startedAt = Math.floor(Date.now() / 1000)
  for (const name of ['team-a-laptop', 'team-a-ci']) {
    await tokens.open()
    const editor = await tokens.createToken()
    await editor.chooseTemplate('Team A')
    await editor.expectValue('Name', 'team-a-')
    await editor.setName(name)
    await editor.create()
    await expect(editor.dialog).toBeHidden()
    await tokens.expectTokenRow(name, { remaining: '$20.00' })
  }
  const endedAt = Math.floor(Date.now() / 1000)

  for (const name of ['team-a-laptop', 'team-a-ci']) {
    const stored = sandbox.control.tokens().find((token) => token.name === name)
    expect(stored, name).toMatchObject({
      group: 'vip',
      model_limits_enabled: true,
      allow_ips: IPS.join('\n'),
      unlimited_quota: false,
      remain_quota: 10_000_000,
    })
    expect(stored!.model_limits.split(',').sort()).toEqual([...MODELS].sort())
    // 30 days from the moment the template filled the editor (between the first pick and the last save).
    expect(stored!.expired_time).toBeGreaterThanOrEqual(startedAt + 30 * DAY - 1)
    expect(stored!.expired_time).toBeLessThanOrEqual(endedAt + 30 * DAY)
  }

  // Export, then import into a fresh data folder: the template is there, the same.
  await templates.open()
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export list' }).click()
  const exported = await (await download).path()
  expect(JSON.parse(await readFile(exported, 'utf8')).templates).toEqual([
    {
      name: 'Team A',
      namePrefix: 'team-a-',
      group: 'vip',
      modelLimitsEnabled: true,
      models: expect.any(String),
      allowIps: IPS.join('\n'),
      expiry: { kind: 'after', preset: 'days30' },
      quota: { kind: 'amount', units: 10_000_000 },
    },
  ])
  await webHost.stop()

  const freshDir = await mkdtemp(join(tmpdir(), 'tokendesk-e2e-templates-'))
  const fresh = await startWebHost({ dataDir: freshDir, keychainService })
  try {
    await shell.goto(fresh.url)
    await page.locator('input[type="file"]').setInputFiles(exported)
    const importDialog = page.getByRole('dialog', { name: 'Import servers' })
    await expect(importDialog.getByRole('list', { name: 'Token templates' })).toContainText(
      'Team ANew: will be added.',
    )
    await importDialog.getByRole('button', { name: 'Import 1 server and 1 template' }).click()
    await expect(shell.toast('1 token template imported.')).toBeVisible()
    const again = new TemplatesPage(page)
    await again.open()
    await expect(again.item('Team A')).toContainText(
      'Names start with “team-a-” · Group vip · 2 models · 2 IP entries · Expires +30 days after creation · Quota $20.00',
    )
    const saved = JSON.parse(await readFile(join(freshDir, 'templates.json'), 'utf8')) as {
      templates: { name: string }[]
    }
    expect(saved.templates.map((template) => template.name)).toEqual(['Team A'])
  } finally {
    await fresh.stop()
    await rm(freshDir, { recursive: true, force: true })
  }
})
