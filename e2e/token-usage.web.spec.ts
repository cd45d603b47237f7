import { DEFAULT_SERVER_FACTS } from '../src/shared/domain/server-facts'
import { formatQuota } from '../src/shared/domain/quota-money'
import { usageWindow } from '../src/shared/domain/token-usage'
import { AppShell } from './pages/app-shell'
import { TokensPage } from './pages/tokens-page'
import { test, expect } from './fixtures/app-fixture'
import { CATALOGUES, count, forEachUi, localeOf, snap, textPattern } from './fixtures/ui-matrix'
import { openOnSandbox, pickEditableToken } from './flows/edit-token-flow'

// A token's usage in the editor, through the browser host, in both languages and colour schemes: the
// sandbox is given a week of the token's past calls in its usage log, which the core reads over real
// HTTP; the totals shown are the log's own, written by the app's formatting rules.

const DAYS_OF_HISTORY = 7

forEachUi('token usage', ({ L }) => {
  const locale = localeOf(L)
  const money = (quota: number) => formatQuota(quota, DEFAULT_SERVER_FACTS, locale)

  test('the editor shows a busy token’s usage: totals, chart and recent calls, per range', async ({
    page,
    webHost,
    sandbox,
  }, testInfo) => {
    const target = pickEditableToken(sandbox)
    sandbox.control.seedUsageHistory({ tokenIds: [target.id], days: DAYS_OF_HISTORY, callsPerDay: 40 })
    const calls = sandbox.control.usageLog().filter((row) => row.token_id === target.id)
    expect(calls.length).toBeGreaterThan(0)
    const newest = calls.reduce((a, b) => (b.created_at > a.created_at ? b : a))
    await openOnSandbox(page, webHost.url, sandbox, L)
    const tokens = new TokensPage(page, L)
    await tokens.expectTokenRow(target.name)
    const editor = await tokens.openEditor(target.name)

    const usage = editor.dialog.getByRole('region', { name: L.usage.title, exact: true })
    const requests = usage.locator('[data-test="usage-requests"]')
    // Closed at first (reading a busy token's log costs server requests); opened once, it stays open.
    const before = Date.now()
    await usage.getByRole('button', { name: L.usage.title, exact: true }).click()
    await expect(requests).toHaveText(/^[\d,]+$/)
    // The last 24 whole hours: the calls since the hour that began 23 hours before the reading.
    const since = (ms: number) => calls.filter((row) => row.created_at >= usageWindow('24h', ms).from).length
    const day = Number((await requests.textContent())!.replaceAll(/\D/g, ''))
    expect(day).toBeGreaterThanOrEqual(since(Date.now()))
    expect(day).toBeLessThanOrEqual(since(before))
    await expect(
      usage.getByRole('img', { name: textPattern(L.usage.chartSummary, { range: L.usage.ranges['24h'] }) }),
    ).toBeVisible()
    const recent = usage.locator('.token-usage__calls tbody tr')
    await expect(recent.first()).toContainText(newest.model_name)
    await usage.scrollIntoViewIfNeeded()
    await snap(page, testInfo, 'usage-24h')

    // A month holds every call of the week of history: exactly the log's count and quota.
    const month = usage.getByRole('button', { name: L.usage.ranges['30d'], exact: true })
    await month.click()
    await expect(month).toHaveAttribute('aria-pressed', 'true')
    const quota = calls.reduce((sum, row) => sum + row.quota, 0)
    await expect(requests).toHaveText(count(calls.length, L))
    await expect(usage.locator('[data-test="usage-quota"]')).toHaveText(money(quota))
    await expect(
      usage.getByRole('img', {
        name: textPattern(L.usage.chartSummary, {
          range: L.usage.ranges['30d'],
          requests: count(calls.length, L),
          quota: money(quota),
        }),
      }),
    ).toBeVisible()
    await expect(usage.locator('table.visually-hidden tbody tr')).toHaveCount(30)
    await usage.scrollIntoViewIfNeeded()
    await snap(page, testInfo, 'usage-30d')

    // The token is in use meanwhile: refreshing the usage reads the token too, and its row in the table
    // shows what is left now, not what the listing said.
    const left = sandbox.control.token(target.id)!.remain_quota - 1_500_000
    sandbox.control.consume(target.id, 1_500_000)
    await expect(tokens.row(target.name)).not.toContainText(money(left))
    await usage.getByRole('button', { name: L.usage.refresh, exact: true }).click()
    await expect(tokens.row(target.name)).toContainText(money(left))

    // Switching the language redraws the open usage in the other one, range kept.
    const other = CATALOGUES[locale === 'en-US' ? 'zh-CN' : 'en-US']
    await new AppShell(page, L).setLanguage(localeOf(other))
    const usageOther = page.getByRole('region', { name: other.usage.title, exact: true })
    await expect(
      usageOther.getByRole('img', {
        name: textPattern(other.usage.chartSummary, { range: other.usage.ranges['30d'] }),
      }),
    ).toBeVisible()
    await usageOther.getByRole('button', { name: other.usage.ranges['7d'], exact: true }).click()
    await expect(
      usageOther.getByRole('img', {
        name: textPattern(other.usage.chartSummary, { range: other.usage.ranges['7d'] }),
      }),
    ).toBeVisible()
    await snap(page, testInfo, `usage-7d-${localeOf(other)}`)
  })
})
