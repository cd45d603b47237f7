import type { Page } from '@playwright/test'
import { formatQuota } from '../src/shared/domain/quota-money'
import { DEFAULT_SERVER_FACTS } from '../src/shared/domain/server-facts'
import { test, expect } from './fixtures/app-fixture'
import { fill, forEachUi, localeOf, snap } from './fixtures/ui-matrix'
import { openOnSandbox, SERVER_NAME } from './flows/edit-token-flow'
import { TokenEditor } from './pages/token-editor'
import { WatchPage } from './pages/watch-page'

// The Watch in the real app through the browser host: tokens crossing a threshold on the server show in
// the Watch and its badge after a refresh, each is announced once by an OS notification (the browser's
// Notification API, observed by an init script that records every construction), and a click on the
// notification brings the user to the Watch. The window is made to look like it is in the background
// (document.hasFocus() answers false), as when the user works in another application.

const DAY = 86_400
const nowSeconds = () => Math.floor(Date.now() / 1000)

interface Shown {
  title: string
  body: string
}

const shown = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __shown: Shown[] }).__shown.map(({ title, body }) => ({ title, body })),
  )

forEachUi('watch', ({ L }) => {
  test.beforeEach(async ({ page, context, webHost, sandbox }) => {
    await context.grantPermissions(['notifications'], { origin: webHost.origin })
    await page.addInitScript(() => {
      const shown: { title: string; body: string; instance: Notification }[] = []
      const Real = window.Notification
      class Recorded extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options)
          shown.push({ title, body: options?.body ?? '', instance: this })
        }
      }
      Object.defineProperty(Recorded, 'permission', { get: () => Real.permission })
      Object.assign(window, { Notification: Recorded, __shown: shown })
      document.hasFocus = () => false
    })
    // Every seeded token comfortably outside the thresholds, but one that expires in three days.
    for (const row of sandbox.control.tokens())
      sandbox.control.patchToken(row.id, {
        status: 1,
        expired_time: -1,
        unlimited_quota: false,
        remain_quota: 100_000_000,
      })
    await openOnSandbox(page, webHost.url, sandbox, L)
  })

  test('lists tokens crossing the thresholds, badges them, and announces each once', async ({
    page,
    sandbox,
  }, testInfo) => {
    const watch = new WatchPage(page, L)
    const [first, second] = sandbox.control.tokens().slice(-2)
    if (!first || !second) throw new Error('the sandbox seeds at least two tokens')
    const soon = sandbox.control.patchToken(first.id, {
      name: 'watch-soon',
      expired_time: nowSeconds() + 3 * DAY + 600,
    })
    const low = sandbox.control.patchToken(second.id, { name: 'watch-low' })

    await watch.open(SERVER_NAME)
    await watch.refresh()
    await expect(watch.row(SERVER_NAME, soon.name)).toContainText(L.watch.reasons.expiring)
    await expect(watch.shell.nav('Watch')).toHaveAccessibleName(fill(L.app.nav.watchCount, { count: 1 }))
    await expect
      .poll(() => shown(page))
      .toEqual([
        {
          title: fill(L.attention.watchTitle, { count: 1, server: SERVER_NAME }),
          body: fill(L.attention.withReasons, { name: soon.name, reasons: L.watch.reasons.expiring }),
        },
      ])
    await snap(page, testInfo, 'watch-one-expiring')

    // Thresholds in the server's currency: a token drawn below $10 on the server shows after a refresh.
    await watch.setThresholds(SERVER_NAME, { days: 5, amount: '10' })
    const amount = formatQuota(5_000_000, DEFAULT_SERVER_FACTS, localeOf(L))
    await expect(page.getByTestId('watch-summary')).toHaveText(fill(L.watch.summary, { days: 5, amount }, 5))
    sandbox.control.patchToken(low.id, { remain_quota: 1_000_000 })
    await watch.refresh()
    await expect(watch.row(SERVER_NAME, low.name)).toContainText(L.watch.reasons.low)
    await expect(watch.row(SERVER_NAME, low.name)).toContainText(
      formatQuota(1_000_000, DEFAULT_SERVER_FACTS, localeOf(L)),
    )
    await expect(watch.shell.nav('Watch')).toHaveAccessibleName(fill(L.app.nav.watchCount, { count: 2 }))
    await expect.poll(async () => (await shown(page)).length).toBe(2)
    expect((await shown(page))[1]!.body).toBe(
      fill(L.attention.withReasons, { name: low.name, reasons: L.watch.reasons.low }),
    )
    await snap(page, testInfo, 'watch-two')

    // Read again: both still there, nobody is told twice.
    await watch.refresh()
    await expect(watch.row(SERVER_NAME, low.name)).toBeVisible()
    await page.reload()
    await watch.open(SERVER_NAME)
    await watch.refresh()
    await expect(watch.row(SERVER_NAME, soon.name)).toBeVisible()
    expect(await shown(page)).toEqual([])

    // Topped up on the server: it leaves the Watch.
    sandbox.control.patchToken(low.id, { remain_quota: 100_000_000 })
    await watch.refresh()
    await expect(watch.row(SERVER_NAME, low.name)).toHaveCount(0)
    await expect(watch.shell.nav('Watch')).toHaveAccessibleName(fill(L.app.nav.watchCount, { count: 1 }))

    // Into the editor from its row.
    await watch
      .row(SERVER_NAME, soon.name)
      .getByRole('button', { name: fill(L.watch.openAria, { name: soon.name }) })
      .click()
    await expect(new TokenEditor(page, soon.name, L).dialog).toBeVisible()
  })

  test('a click on the notification opens the Watch', async ({ page, sandbox }) => {
    const watch = new WatchPage(page, L)
    const [last] = sandbox.control.tokens().slice(-1)
    const soon = sandbox.control.patchToken(last!.id, {
      name: 'watch-expired',
      expired_time: nowSeconds() - 60,
    })
    await watch.shell.nav('Tokens').click()
    await page.getByRole('button', { name: L.tokens.refresh, exact: true }).click()
    await expect.poll(async () => (await shown(page)).length).toBe(1)
    expect((await shown(page))[0]!.body).toBe(
      fill(L.attention.withReasons, { name: soon.name, reasons: L.watch.reasons.expired }),
    )
    await page.evaluate(() => {
      const [first] = (window as unknown as { __shown: { instance: Notification }[] }).__shown
      first!.instance.dispatchEvent(new Event('click'))
    })
    await expect(watch.heading(SERVER_NAME)).toBeVisible()
    await expect(watch.row(SERVER_NAME, soon.name)).toContainText(L.watch.reasons.expired)
  })
})
