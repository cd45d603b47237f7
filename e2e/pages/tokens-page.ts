import { expect, type Locator, type Page } from '@playwright/test'
import enUS from '../../src/renderer/src/i18n/en-US'
import { fill, type Catalogue } from '../fixtures/ui-matrix'
import { AppShell } from './app-shell'
import { TokenEditor } from './token-editor'

// The "Tokens" section: the active server's token table with search and refresh, and a row's actions.

export interface RowExpectation {
  /** Effective status as shown: Enabled, Disabled, Expired, Exhausted (in the page's language). */
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

  constructor(
    readonly page: Page,
    readonly L: Catalogue = enUS,
  ) {
    this.shell = new AppShell(page, L)
    this.search = page.getByLabel(L.tokens.search, { exact: true })
  }

  async open(): Promise<void> {
    await this.shell.nav('Tokens').click()
  }

  /** Narrows the table to names containing `text` (the table is paginated; searching avoids paging). */
  async filter(text: string): Promise<void> {
    await this.search.fill(text)
  }

  async refresh(): Promise<void> {
    await this.page.getByRole('button', { name: this.L.tokens.refresh, exact: true }).click()
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
    await this.page.getByRole('button', { name: this.L.tokens.create, exact: true }).click()
    const editor = new TokenEditor(this.page, null, this.L)
    await expect(editor.dialog).toBeVisible()
    return editor
  }

  /** A button of the token's row, by its accessible name ("Disable token {name}"…). */
  rowAction(
    action: 'editAria' | 'enableAria' | 'disableAria' | 'deleteAria' | 'reviveAria',
    tokenName: string,
  ): Locator {
    return this.page.getByRole('button', {
      name: fill(this.L.tokens[action], { name: tokenName }),
      exact: true,
    })
  }

  async disable(tokenName: string): Promise<void> {
    await this.filter(tokenName)
    await this.rowAction('disableAria', tokenName).click()
  }

  async enable(tokenName: string): Promise<void> {
    await this.filter(tokenName)
    await this.rowAction('enableAria', tokenName).click()
  }

  /** The row's Delete button: the confirmation it asks for (answer it with `confirmDelete`). */
  async askDelete(tokenName: string): Promise<Locator> {
    await this.filter(tokenName)
    await this.rowAction('deleteAria', tokenName).click()
    const dialog = this.page.getByRole('alertdialog', {
      name: fill(this.L.tokens.deleteConfirm, { name: tokenName }),
      exact: true,
    })
    await expect(dialog).toBeVisible()
    return dialog
  }

  async confirmDelete(dialog: Locator): Promise<void> {
    await dialog.getByRole('button', { name: this.L.tokens.delete, exact: true }).click()
    await expect(dialog).toBeHidden()
  }

  async delete(tokenName: string): Promise<void> {
    await this.confirmDelete(await this.askDelete(tokenName))
  }

  async openEditor(tokenName: string): Promise<TokenEditor> {
    await this.filter(tokenName)
    await this.rowAction('editAria', tokenName).first().click()
    const editor = new TokenEditor(this.page, tokenName, this.L)
    await expect(editor.dialog).toBeVisible()
    return editor
  }
}
