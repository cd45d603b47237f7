import { AppShell } from './pages/app-shell'
import { TokensPage } from './pages/tokens-page'
import { test, expect } from './fixtures/app-fixture'

// A token's usage in the editor, through the browser host: the demo server keeps its busiest tokens in
// use and has a month of their past calls in its usage log, which the core reads over real HTTP.

const BUSY_TOKEN = 'web-app-prod'
const MODELS = /gpt-4o|claude-3-5-sonnet|gpt-4o-mini/

test('the editor shows a busy token’s usage: totals, chart and recent calls, per range, in both languages', async ({
  page,
  webHost,
}) => {
  const shell = new AppShell(page)
  await shell.goto(webHost.url)
  await page.getByRole('button', { name: 'Try the demo server', exact: true }).click()
  const tokens = new TokensPage(page)
  await tokens.expectTokenRow(BUSY_TOKEN)
  const editor = await tokens.openEditor(BUSY_TOKEN)

  const usage = editor.dialog.getByRole('region', { name: 'Usage', exact: true })
  // Closed at first (reading a busy token's log costs server requests); opened once, it stays open.
  await usage.getByRole('button', { name: 'Usage', exact: true }).click()
  const requests = usage.locator('[data-test="usage-requests"]')
  await expect(requests).toHaveText(/^[\d,]+$/)
  const day = Number((await requests.textContent())!.replaceAll(',', ''))
  expect(day).toBeGreaterThan(0)
  await expect(usage.locator('[data-test="usage-quota"]')).toHaveText(/^\$[\d,.]+$/)
  await expect(usage.getByRole('img', { name: /^Last 24 hours: [\d,]+ requests/ })).toBeVisible()
  const calls = usage.locator('.token-usage__calls tbody tr')
  await expect(calls.first()).toContainText(MODELS)

  // A month holds the past calls too.
  await usage.getByRole('button', { name: 'Last 30 days', exact: true }).click()
  await expect(usage.getByRole('img', { name: /^Last 30 days: / })).toBeVisible()
  await expect(usage.getByRole('button', { name: 'Last 30 days' })).toHaveAttribute('aria-pressed', 'true')
  const month = Number((await requests.textContent())!.replaceAll(',', ''))
  expect(month).toBeGreaterThan(day)
  await expect(usage.locator('table.visually-hidden tbody tr')).toHaveCount(30)

  await usage.scrollIntoViewIfNeeded()
  await page.screenshot({ path: test.info().outputPath('token-usage-en-US.png') })

  await shell.setLanguage('简体中文')
  const usageZh = editor.page.getByRole('region', { name: '用量', exact: true })
  await expect(usageZh.getByRole('img', { name: /^最近 30 天：/ })).toBeVisible()
  await usageZh.getByRole('button', { name: '最近 7 天', exact: true }).click()
  await expect(usageZh.getByRole('img', { name: /^最近 7 天：/ })).toBeVisible()
  await usageZh.scrollIntoViewIfNeeded()
  await page.screenshot({ path: test.info().outputPath('token-usage-zh-CN.png') })
})
