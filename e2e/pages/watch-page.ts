import { expect, type Locator, type Page } from '@playwright/test'
import enUS from '../../src/renderer/src/i18n/en-US'
import { fill, type Catalogue } from '../fixtures/ui-matrix'
import { AppShell } from './app-shell'

// The "Watch" section: the active server's tokens that expire soon, have expired or run low, and the
// dialog of its thresholds.

export class WatchPage {
  readonly shell: AppShell

  constructor(
    readonly page: Page,
    readonly L: Catalogue = enUS,
  ) {
    this.shell = new AppShell(page, L)
  }

  heading(server: string): Locator {
    return this.page.getByRole('heading', { name: fill(this.L.watch.titleFor, { server }) })
  }

  async open(server: string): Promise<void> {
    await this.shell.nav('Watch').click()
    await expect(this.heading(server)).toBeVisible()
  }

  table(server: string): Locator {
    return this.page.getByRole('table', { name: fill(this.L.watch.listLabel, { server }) })
  }

  /** A token's row, found by its name (the row's header cell). */
  row(server: string, name: string): Locator {
    return this.table(server)
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name, exact: true }) })
  }

  async refresh(): Promise<void> {
    await this.page.getByRole('button', { name: this.L.watch.refresh, exact: true }).click()
  }

  /** Opens the thresholds dialog, sets what is given (days; an amount typed in the server's currency), saves. */
  async setThresholds(server: string, values: { days?: number; amount?: string }): Promise<void> {
    const T = this.L.watch.thresholds
    await this.page.getByRole('button', { name: fill(T.buttonAria, { name: server }) }).click()
    const dialog = this.page.getByRole('dialog', { name: fill(T.title, { name: server }) })
    await expect(dialog).toBeVisible()
    if (values.days !== undefined) await dialog.getByLabel(T.days, { exact: true }).fill(String(values.days))
    if (values.amount !== undefined) await dialog.getByLabel(T.amount, { exact: true }).fill(values.amount)
    await dialog.getByRole('button', { name: T.save, exact: true }).click()
    await expect(dialog).toBeHidden()
  }
}
