import { expect, type Locator, type Page } from '@playwright/test'
import { AppShell } from './app-shell'
import { TokenEditor } from './token-editor'

// The "Tokens" section: the active server's token table with search and refresh.

export interface RowExpectation {
  /** Effective status as shown: Enabled, Disabled, Expired, Exhausted. */
  status?: string
  /** Remaining quota as shown, e.g. "$12.50" or "Unlimited". */
  remaining?: string
  /** Group as shown ("Default" for the user's own group). */
  group?: string
  /** Expiry as shown ("Never" or a localized date-time). */
  expires?: string | RegExp
}

export class TokensPage {
  readonly shell: AppShell
  readonly search: Locator

  constructor(readonly page: Page) {
    this.shell = new AppShell(page)
    this.search = page.getByLabel('Search tokens', { exact: true })
  }

  async open(): Promise<void> {
    await this.shell.nav('Tokens').click()
  }

  /** Narrows the table to names containing `text` (the table is paginated; searching avoids paging). */
  async filter(text: string): Promise<void> {
    await this.search.fill(text)
  }

  async refresh(): Promise<void> {
    await this.page.getByRole('button', { name: 'Refresh', exact: true }).click()
  }

  /** The row whose name is `name` (a draft mark may follow the name). */
  row(name: string): Locator {
    const exact = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)
    return this.page.getByRole('row').filter({ has: this.page.locator('.token-name', { hasText: exact }) })
  }

  async expectTokenRow(name: string, expected: RowExpectation = {}): Promise<Locator> {
    await this.filter(name)
    const row = this.row(name)
    await expect(row).toBeVisible()
    if (expected.status) await expect(row).toContainText(expected.status)
    if (expected.remaining) await expect(row).toContainText(expected.remaining)
    if (expected.group) await expect(row).toContainText(expected.group)
    if (expected.expires) await expect(row).toContainText(expected.expires)
    return row
  }

  async expectNoTokenRow(name: string): Promise<void> {
    await this.filter(name)
    await expect(this.row(name)).toHaveCount(0)
  }

  async createToken(): Promise<TokenEditor> {
    await this.page.getByRole('button', { name: 'New token', exact: true }).click()
    const editor = new TokenEditor(this.page, null)
    await expect(editor.dialog).toBeVisible()
    return editor
  }

  async disable(tokenName: string): Promise<void> {
    await this.filter(tokenName)
    await this.page.getByRole('button', { name: `Disable token ${tokenName}`, exact: true }).click()
  }

  async delete(tokenName: string): Promise<void> {
    await this.filter(tokenName)
    await this.page.getByRole('button', { name: `Delete token ${tokenName}`, exact: true }).click()
    await this.page.getByRole('dialog').getByRole('button', { name: 'Delete', exact: true }).click()
  }

  async openEditor(tokenName: string): Promise<TokenEditor> {
    await this.filter(tokenName)
    await this.page
      .getByRole('button', { name: `Edit token ${tokenName}`, exact: true })
      .first()
      .click()
    const editor = new TokenEditor(this.page, tokenName)
    await expect(editor.dialog).toBeVisible()
    return editor
  }
}
