import { addCalendarMonths } from '../src/shared/domain/expiry-presets'
import { numberFormat } from '../src/shared/domain/formatters'
import { formatAmount, quotaToAmount } from '../src/shared/domain/quota-money'
import { REVIVE_DAYS } from '../src/shared/domain/revive-token'
import { DEFAULT_SERVER_FACTS } from '../src/shared/domain/server-facts'
import { test, expect } from './fixtures/app-fixture'
import { fill, forEachUi, localeOf, snap } from './fixtures/ui-matrix'
import { openOnSandbox, pickEditableToken } from './flows/edit-token-flow'
import { TokensPage } from './pages/tokens-page'

// Every field of the token editor in the real app (Chromium through the browser host) against the
// sandbox gateway, in both languages and colour schemes: what reaches the server is checked on the
// server's own rows, and what the editor shows is written by the app's own formatting rules.

const DAY = 86_400
const nowSeconds = () => Math.floor(Date.now() / 1000)

const puts = (sandbox: { control: { requests(): { method: string }[] } }) =>
  sandbox.control.requests().filter((request) => request.method === 'PUT')

forEachUi('token editor fields', ({ L }) => {
  const locale = localeOf(L)
  const facts = DEFAULT_SERVER_FACTS // the sandbox's: dollars, 500,000 units each
  const units = (quota: number) => numberFormat(locale, { maximumFractionDigits: 0 }).format(quota)

  test.beforeEach(async ({ page, webHost, sandbox }) => {
    await openOnSandbox(page, webHost.url, sandbox, L)
  })

  test.describe('on a server from before 2025-12 (names of at most 30 bytes)', () => {
    test.use({ sandboxOptions: { mode: 'legacy', fork: 'anyapi' } })

    test('counts the name against 30 bytes and refuses more before sending', async ({
      page,
      sandbox,
    }, testInfo) => {
      const target = sandbox.control.tokens().find((token) => token.name === 'dev-key-01')
      if (!target) throw new Error('the sandbox seeds dev-key-01')
      const editor = await new TokensPage(page, L).openEditor(target.name)
      await expect(editor.nameCounter()).toHaveText(fill(L.editor.nameBytes, { used: 10, max: 30 }))
      sandbox.control.clearRequests()

      await editor.setName('a'.repeat(31))
      await expect(editor.nameCounter()).toHaveText(fill(L.editor.nameBytes, { used: 31, max: 30 }))
      await editor.save()
      await editor.expectError(fill(L.fields.name.tooLong, { max: 30 }))
      await snap(page, testInfo, 'name-too-long')
      expect(puts(sandbox)).toHaveLength(0)

      const longest = '令'.repeat(10) // 30 bytes: the most this server takes
      await editor.setName(longest)
      await expect(editor.nameCounter()).toHaveText(fill(L.editor.nameBytes, { used: 30, max: 30 }))
      await editor.save()
      await editor.expectSaved(longest)
      expect(sandbox.control.token(target.id)?.name).toBe(longest)
    })
  })

  test('"set to" writes the amount, "add" goes onto the quota as it is when sent, "unlimited" lifts it', async ({
    page,
    sandbox,
  }, testInfo) => {
    const tokens = new TokensPage(page, L)
    const target = pickEditableToken(sandbox)
    const editor = await tokens.openEditor(target.name)
    // Shown the way the table shows it, raw units beside.
    await editor.expectValue(
      L.editor.quota,
      formatAmount(quotaToAmount(target.remain_quota, facts), facts, locale),
    )
    await expect(editor.dialog).toContainText(
      fill(L.editor.quotaRaw, { units: units(target.remain_quota) }, target.remain_quota),
    )

    sandbox.control.consume(target.id, 3_000_000) // the key is used while the editor is open
    await editor.setQuotaDelta(5) // + $5 = 2,500,000 units
    await snap(page, testInfo, 'quota-add')
    await editor.save()
    await editor.expectSaved(target.name)
    expect(sandbox.control.token(target.id)?.remain_quota).toBe(target.remain_quota - 3_000_000 + 2_500_000)

    const again = await tokens.openEditor(target.name)
    sandbox.control.consume(target.id, 1_000_000)
    await again.setQuotaMode('set')
    // Text that is no amount is named, a negative one is below zero; a good amount typed over them
    // leaves nothing of either behind.
    const quotaInput = again.dialog.getByLabel(L.editor.quota, { exact: true })
    await quotaInput.fill('abc')
    await quotaInput.blur()
    const unreadable = fill(L.fields.quota.unreadable, { text: 'abc' })
    await expect(again.dialog).toContainText(unreadable)
    await quotaInput.fill('-5')
    await quotaInput.blur()
    await expect(again.dialog).toContainText(L.fields.quota.negative)
    await again.setQuotaAmount(12.5)
    await expect(again.dialog).toContainText(fill(L.editor.quotaRaw, { units: units(6_250_000) }, 6_250_000))
    await expect(again.dialog).not.toContainText(unreadable)
    await expect(again.dialog).not.toContainText(L.fields.quota.negative)
    await again.save()
    await again.expectSaved(target.name)
    expect(sandbox.control.token(target.id)?.remain_quota).toBe(6_250_000)

    const third = await tokens.openEditor(target.name)
    await third.setUnlimited(true)
    await expect(third.dialog.getByLabel(L.editor.quota, { exact: true })).toHaveCount(0)
    await third.save()
    await third.expectSaved(target.name)
    expect(sandbox.control.token(target.id)?.unlimited_quota).toBe(true)
    await tokens.expectTokenRow(target.name, { remaining: L.tokens.unlimited })
  })

  test('expiry: presets from now or from the current expiry, the date picker, and "never"', async ({
    page,
    sandbox,
  }, testInfo) => {
    const tokens = new TokensPage(page, L)
    const dated = sandbox.control.tokens().find((token) => token.name === 'dev-key-01')
    const never = pickEditableToken(sandbox)
    if (!dated) throw new Error('the sandbox seeds dev-key-01')

    const editor = await tokens.openEditor(dated.name)
    await editor.pickExpiryPreset('month', 'current')
    await snap(page, testInfo, 'expiry-preset')
    await editor.save()
    await editor.expectSaved(dated.name)
    expect(sandbox.control.token(dated.id)?.expired_time).toBe(
      Math.floor(addCalendarMonths(dated.expired_time * 1000, 1) / 1000),
    )

    const second = await tokens.openEditor(never.name)
    const before = nowSeconds()
    await second.pickExpiryPreset('week')
    await second.save()
    await second.expectSaved(never.name)
    const stored = sandbox.control.token(never.id)?.expired_time ?? 0
    expect(stored).toBeGreaterThanOrEqual(before + 7 * DAY)
    expect(stored).toBeLessThanOrEqual(nowSeconds() + 7 * DAY)

    const picked = new Date((nowSeconds() + 45 * DAY) * 1000)
    const third = await tokens.openEditor(never.name)
    // Escape in the open calendar closes the calendar, not the editor.
    await third.setSwitch(L.editor.neverExpires, false)
    await third.expiryInput().click()
    await expect(page.locator('.n-date-panel')).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(page.locator('.n-date-panel')).toHaveCount(0)
    await expect(third.dialog).toBeVisible()
    await third.setExpiry(picked)
    await third.save()
    await third.expectSaved(never.name)
    expect(sandbox.control.token(never.id)?.expired_time).toBe(picked.getTime() / 1000)

    const fourth = await tokens.openEditor(never.name)
    await fourth.setNeverExpires()
    await expect(fourth.expiryInput()).toBeHidden()
    await fourth.save()
    await fourth.expectSaved(never.name)
    expect(sandbox.control.token(never.id)?.expired_time).toBe(-1)
  })

  test('a bad IP line is named by number and text and nothing is sent; a good list is saved', async ({
    page,
    sandbox,
  }, testInfo) => {
    const target = pickEditableToken(sandbox)
    const editor = await new TokensPage(page, L).openEditor(target.name)
    sandbox.control.clearRequests()
    await editor.setAllowIps(['10.0.0.0/8', '2001:db8::/32', '192.168.1.300'])
    const named = fill(L.fields.allowIps.invalid, { line: 3, entry: '192.168.1.300' })
    await editor.expectError(named)
    await editor.save()
    await editor.expectError(named)
    await snap(page, testInfo, 'ip-line-refused')
    expect(puts(sandbox)).toHaveLength(0)

    await editor.setAllowIps(['10.0.0.0/8', '2001:db8::/32', '192.168.1.30'])
    await expect(editor.dialog).not.toContainText(named)
    await editor.save()
    await editor.expectSaved(target.name)
    expect(sandbox.control.token(target.id)?.allow_ips).toBe('10.0.0.0/8\n2001:db8::/32\n192.168.1.30')
  })

  test('creates three tokens with numbered names and the same fields, kept as a draft first', async ({
    page,
    sandbox,
  }, testInfo) => {
    const tokens = new TokensPage(page, L)
    const editor = await tokens.createToken()
    await editor.setName('e2e-batch')
    await editor.setQuantity(3)
    await expect(editor.dialog).toContainText(
      fill(L.editor.batchNames, { first: 'e2e-batch-1', last: 'e2e-batch-3', count: 3 }),
    )
    await editor.setQuotaAmount(2)
    // Kept as a draft, the batch stays one draft of three tokens, and reopens as it was typed.
    await editor.saveAsDraft()
    const kept = `${fill(L.drafts.mark.creatingMany, { count: 3 })} · ${L.drafts.state.held}`
    await expect(tokens.row('e2e-batch')).toContainText(kept)
    expect(sandbox.control.tokens().filter((token) => token.name.startsWith('e2e-batch'))).toEqual([])
    await tokens.rowAction('editAria', 'e2e-batch').click()
    await expect(editor.dialog).toBeVisible()
    await expect(editor.dialog.getByLabel(L.editor.quantity, { exact: true })).toHaveValue('3')
    await snap(page, testInfo, 'create-three')
    await editor.create()
    // "Create" waits for the first create to reach the server (up to 15 s before answering "sending").
    await expect(editor.dialog).toBeHidden({ timeout: 20_000 })
    await expect(editor.shell.toast(fill(L.editor.createdMany, { count: 3 }))).toBeVisible()
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
  }, testInfo) => {
    const target = sandbox.control.tokens().find((token) => token.name === '测试-已过期')
    if (!target) throw new Error('the sandbox seeds an expired token')
    const tokens = new TokensPage(page, L)
    await tokens.expectTokenRow(target.name, { status: L.tokens.status.expired })
    // The key is tried after the list was read: the server now stores status 3 and refuses a plain enable.
    sandbox.control.markStatusOnUse(true)
    sandbox.control.use(target.id, 1)
    expect(sandbox.control.token(target.id)?.status).toBe(3)

    const editor = await tokens.openEditor(target.name)
    await expect(editor.dialog).toContainText(L.editor.revive.expired)
    await expect(editor.dialog).toContainText(fill(L.editor.revive.explain.expired, { days: REVIVE_DAYS }))
    await snap(page, testInfo, 'revive-offered')
    const before = nowSeconds()
    await editor.revive()
    await editor.expectSaved(target.name)
    const stored = sandbox.control.token(target.id)
    expect(stored?.status).toBe(1)
    expect(stored?.expired_time).toBeGreaterThanOrEqual(before + REVIVE_DAYS * DAY)
    expect(stored?.remain_quota).toBe(target.remain_quota)
    await tokens.expectTokenRow(target.name, { status: L.tokens.status.enabled })
  })
})
