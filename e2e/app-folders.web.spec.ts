import { logFolderOf } from '../src/main/core/logger'
import { test, expect } from './fixtures/app-fixture'
import { fill, forEachUi, snap } from './fixtures/ui-matrix'
import { AppShell } from './pages/app-shell'

// "Open data folder" / "Open logs folder" in the real UI through the browser host: it cannot open a folder
// on the machine the page may not be on, so it tells the user where the folders are (the core chose them;
// nothing the page sends is a path). The desktop app opens them (tests/shell, tests/hosts).

forEachUi("TokenDesk's files", ({ L }) => {
  test('the Servers section says where the data and logs folders are', async ({ page, webHost, dataDir }) => {
    const shell = new AppShell(page, L)
    await shell.goto(webHost.url)
    await shell.nav('Servers').click()
    const card = page.getByRole('region', { name: L.folders.title })
    await expect(card).toBeVisible()

    await card.getByRole('button', { name: L.folders.openData, exact: true }).click()
    await expect(card.getByText(fill(L.folders.data, { path: dataDir }), { exact: true })).toBeVisible()
    await card.getByRole('button', { name: L.folders.openLogs, exact: true }).click()
    await expect(
      card.getByText(fill(L.folders.logs, { path: logFolderOf(dataDir) }), { exact: true }),
    ).toBeVisible()
    await snap(page, test.info(), 'folders shown')
  })
})
