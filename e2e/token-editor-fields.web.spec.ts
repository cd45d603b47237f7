import { addCalendarMonths } from '../src/shared/domain/expiry-presets'
import { REVIVE_DAYS } from '../src/shared/domain/revive-token'
import { test, expect } from './fixtures/app-fixture'
import { addSandboxServer, pickEditableToken } from './flows/edit-token-flow'
import { AppShell } from './pages/app-shell'
import { TokensPage } from './pages/tokens-page'

// Every field of the token editor in the real app (Chromium through the browser host) against the
// sandbox gateway: what reaches the server is checked on the server's own rows.

const DAY = 86_400

test.beforeEach(async ({ page, webHost, sandbox }) => {
  await new AppShell(page).goto(webHost.url)
  await addSandboxServer(page, sandbox)
})

const puts = (sandbox: { control: { requests(): { method: string }[] } }) =>
  sandbox.control.requests().filter((request) => request.method === 'PUT')

test.describe('on a server from before 2025-12 (names of at most 30 bytes)', () => {
  test.use({ sandboxOptions: { mode: 'legacy', fork: 'anyapi' } })

  test('counts the name against 30 bytes and refuses more before sending', async ({ page, sandbox }) => {
    const target = sandbox.control.tokens().find((token) => token.name === 'dev-key-01')
    if (!target) throw new Error('the sandbox seeds dev-key-01')
    const editor = await new TokensPage(page).openEditor(target.name)
    await expect(editor.nameCounter()).toHaveText('10 / 30 bytes')
    sandbox.control.clearRequests()

    await editor.setName('a'.repeat(31))
    await expect(editor.nameCounter()).toHaveText('31 / 30 bytes')
    await editor.save()
    await editor.expectError('At most 30 bytes')
    expect(puts(sandbox)).toHaveLength(0)

    const longest = '令'.repeat(10) // 30 bytes: the most this server takes
    await editor.setName(longest)
    await editor.save()
    await editor.expectSaved(longest)
    expect(sandbox.control.token(target.id)?.name).toBe(longest)
  })
})

test('"set to" writes the amount; "add" goes onto the quota as it is when sent', async ({
  page,
  sandbox,
}) => {
  const tokens = new TokensPage(page)
  const target = pickEditableToken(sandbox)
  const editor = await tokens.openEditor(target.name)
  // Shown the way the table shows it, raw units beside.
  await editor.expectValue(
    'Remaining quota',
    `$${(target.remain_quota / 500_000).toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
  )
  await expect(editor.dialog).toContainText(`= ${target.remain_quota.toLocaleString('en-US')} quota units`)

  sandbox.control.consume(target.id, 3_000_000) // the key is used while the editor is open
  await editor.setQuotaDelta(5) // + $5 = 2,500,000 units
  await editor.save()
  await editor.expectSaved(target.name)
  expect(sandbox.control.token(target.id)?.remain_quota).toBe(target.remain_quota - 3_000_000 + 2_500_000)

  const again = await tokens.openEditor(target.name)
  sandbox.control.consume(target.id, 1_000_000)
  await again.setQuotaMode('Set to')
  await again.setQuotaAmount(12.5)
  await again.save()
  await again.expectSaved(target.name)
  expect(sandbox.control.token(target.id)?.remain_quota).toBe(6_250_000)
})

test('expiry presets count from now or extend the current expiry by a calendar month', async ({
  page,
  sandbox,
}) => {
  const tokens = new TokensPage(page)
  const dated = sandbox.control.tokens().find((token) => token.name === 'dev-key-01')
  const never = pickEditableToken(sandbox)
  if (!dated) throw new Error('the sandbox seeds dev-key-01')

  const editor = await tokens.openEditor(dated.name)
  await editor.pickExpiryPreset('+1 month', 'From current expiry')
  await editor.save()
  await editor.expectSaved(dated.name)
  expect(sandbox.control.token(dated.id)?.expired_time).toBe(
    Math.floor(addCalendarMonths(dated.expired_time * 1000, 1) / 1000),
  )

  const second = await tokens.openEditor(never.name)
  const before = Math.floor(Date.now() / 1000)
  await second.pickExpiryPreset('+7 days')
  await second.save()
  await second.expectSaved(never.name)
  const stored = sandbox.control.token(never.id)?.expired_time ?? 0
  expect(stored).toBeGreaterThanOrEqual(before + 7 * DAY)
  expect(stored).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 7 * DAY)
})

test('a bad IP line is named by number and text, and nothing is sent', async ({ page, sandbox }) => {
  const target = pickEditableToken(sandbox)
  const editor = await new TokensPage(page).openEditor(target.name)
  sandbox.control.clearRequests()
  await editor.setAllowIps(['10.0.0.0/8', '2001:db8::/32', '192.168.1.300'])
  await editor.expectError('Line 3 is not an IP address or CIDR range: “192.168.1.300”')
  await editor.save()
  await editor.expectError('Line 3 is not an IP address or CIDR range')
  expect(puts(sandbox)).toHaveLength(0)
})

test('creates three tokens with numbered names and the same fields', async ({ page, sandbox }) => {
  const editor = await new TokensPage(page).createToken()
  await editor.setName('e2e-batch')
  await editor.setQuantity(3)
  await expect(editor.dialog).toContainText('Names: e2e-batch-1 … e2e-batch-3 (3 tokens)')
  await editor.setQuotaAmount(2)
  await editor.create()
  // "Create" waits for the first create to reach the server (up to 15 s before answering "sending").
  await expect(editor.dialog).toBeHidden({ timeout: 20_000 })
  await expect(editor.shell.toast('3 tokens created or queued to be created.')).toBeVisible()
  await expect
    .poll(() =>
      sandbox.control
        .tokens()
        .filter((token) => token.name.startsWith('e2e-batch-'))
        .map((token) => token.name)
        .sort(),
    )
    .toEqual(['e2e-batch-1', 'e2e-batch-2', 'e2e-batch-3'])
  const made = sandbox.control.tokens().filter((token) => token.name.startsWith('e2e-batch-'))
  expect(new Set(made.map((token) => `${token.remain_quota}/${token.unlimited_quota}`))).toEqual(
    new Set(['1000000/false']),
  )
})

test('revives an expired token the server already marked expired, in one click', async ({
  page,
  sandbox,
}) => {
  const target = sandbox.control.tokens().find((token) => token.name === '测试-已过期')
  if (!target) throw new Error('the sandbox seeds an expired token')
  const tokens = new TokensPage(page)
  await tokens.expectTokenRow(target.name, { status: 'Expired' })
  // The key is tried after the list was read: the server now stores status 3 and refuses a plain enable.
  sandbox.control.markStatusOnUse(true)
  sandbox.control.use(target.id, 1)
  expect(sandbox.control.token(target.id)?.status).toBe(3)

  const editor = await tokens.openEditor(target.name)
  await expect(editor.dialog).toContainText('This token has expired')
  const before = Math.floor(Date.now() / 1000)
  await editor.revive()
  await editor.expectSaved(target.name)
  const stored = sandbox.control.token(target.id)
  expect(stored?.status).toBe(1)
  expect(stored?.expired_time).toBeGreaterThanOrEqual(before + REVIVE_DAYS * DAY)
  expect(stored?.remain_quota).toBe(target.remain_quota)
  await tokens.expectTokenRow(target.name, { status: 'Enabled' })
})
