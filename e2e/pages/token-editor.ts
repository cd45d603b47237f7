import { expect, type Locator, type Page } from '@playwright/test'
import { AppShell } from './app-shell'

// The token editor drawer (a dialog named "Edit token <name>").

const pad = (n: number) => String(n).padStart(2, '0')

/** The editor's date format, in the browser's local time zone: yyyy-MM-dd HH:mm:ss. */
export function formatExpiry(date: Date): string {
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  )
}

export class TokenEditor {
  readonly dialog: Locator
  readonly shell: AppShell

  /** `tokenName` null: the editor of a new token. */
  constructor(
    readonly page: Page,
    tokenName: string | null,
  ) {
    const title = tokenName === null ? 'New token' : `Edit token ${tokenName}`
    this.dialog = page.getByRole('dialog', { name: title, exact: true })
    this.shell = new AppShell(page)
  }

  private async setSwitch(name: string, on: boolean): Promise<void> {
    const control = this.dialog.getByRole('switch', { name, exact: true })
    if ((await control.getAttribute('aria-checked')) !== String(on)) await control.click()
    await expect(control).toHaveAttribute('aria-checked', String(on))
  }

  async setName(name: string): Promise<void> {
    await this.dialog.getByLabel('Name', { exact: true }).fill(name)
  }

  /** Remaining quota in the server's display currency (dollars on a default server). */
  async setQuotaAmount(amount: number): Promise<void> {
    await this.setUnlimited(false)
    const input = this.dialog.getByLabel('Remaining quota', { exact: true })
    await input.fill(String(amount))
    await input.blur()
  }

  async setUnlimited(on: boolean): Promise<void> {
    await this.setSwitch('Unlimited quota', on)
  }

  async setNeverExpires(): Promise<void> {
    await this.setSwitch('Never expires', true)
  }

  async setExpiry(date: Date): Promise<void> {
    await this.setSwitch('Never expires', false)
    const input = this.dialog.getByLabel('Expires at', { exact: true })
    await input.fill(formatExpiry(date))
    await input.press('Enter')
    await expect(input).toHaveValue(formatExpiry(date))
  }

  /** Replaces the model whitelist (and turns the restriction on); an empty list turns it off. */
  async setModels(models: string[]): Promise<void> {
    await this.setSwitch('Restrict models', models.length > 0)
    if (models.length === 0) return
    const remove = this.dialog.getByRole('button', { name: /^Remove model / })
    while ((await remove.count()) > 0) await remove.first().click()
    const input = this.dialog.getByLabel('Allowed models', { exact: true })
    for (const model of models) {
      await input.fill(model)
      await input.press('Enter')
    }
  }

  async setAllowIps(entries: string[]): Promise<void> {
    await this.dialog.getByLabel('IP whitelist', { exact: true }).fill(entries.join('\n'))
  }

  /** The live byte count beside the name, e.g. "12 / 30 bytes". */
  nameCounter(): Locator {
    return this.dialog.getByText(/^\d+ \/ \d+ bytes$/)
  }

  /** "Set to" or "Add / subtract" for the quota. */
  async setQuotaMode(mode: 'Set to' | 'Add / subtract'): Promise<void> {
    await this.dialog.getByRole('radio', { name: mode, exact: true }).check({ force: true })
  }

  /** In "Add / subtract": the amount to add (negative subtracts), in the server's currency. */
  async setQuotaDelta(amount: number): Promise<void> {
    await this.setQuotaMode('Add / subtract')
    const input = this.dialog.getByLabel('Amount to add (negative subtracts)', { exact: true })
    await input.fill(String(amount))
    await input.blur()
  }

  /** A quick expiry button ("+1 month"…), counted from now or from the current expiry. */
  async pickExpiryPreset(preset: string, from: 'From now' | 'From current expiry' = 'From now') {
    const base = this.dialog.getByRole('radio', { name: from, exact: true })
    if ((await base.count()) > 0) await base.check({ force: true })
    await this.dialog.getByRole('button', { name: preset, exact: true }).click()
  }

  async setQuantity(quantity: number): Promise<void> {
    const input = this.dialog.getByLabel('Quantity', { exact: true })
    await input.fill(String(quantity))
    await input.blur()
  }

  /** The one-click revival offered for an expired or exhausted token. */
  async revive(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Revive', exact: true }).click()
  }

  /**
   * Sets one group: picked from the server's list (typing filters it, Enter takes the match or adds
   * the name typed), or typed when the editor could not read the server's groups.
   */
  async setGroup(group: string): Promise<void> {
    const select = this.dialog.locator('.group-select .n-select')
    if ((await select.count()) === 0) return this.dialog.getByLabel('Group', { exact: true }).fill(group)
    await select.locator('.n-base-selection').click()
    await this.page.keyboard.type(group)
    await this.page.keyboard.press('Enter')
    await expect(select).toContainText(group)
  }

  /** A new token's "Template" choice: fills the fields the template sets. */
  async chooseTemplate(name: string): Promise<void> {
    const select = this.dialog.locator('.n-select', {
      has: this.page.getByLabel('Template', { exact: true }),
    })
    await select.locator('.n-base-selection').click()
    await this.page
      .locator('.n-base-select-menu')
      .filter({ visible: true })
      .locator('.n-base-select-option', { hasText: name })
      .click()
  }

  async save(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Save', exact: true }).click()
  }

  async create(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Create', exact: true }).click()
  }

  async saveAsDraft(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Save as draft', exact: true }).click()
    await expect(this.dialog).toBeHidden()
  }

  /** Closes the drawer with its close button: the input is kept as a draft. */
  async close(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Close', exact: true }).click()
    await expect(this.dialog).toBeHidden()
  }

  /** Saved while the server cannot be reached: the drawer closes and says the change waits. */
  async expectQueued(): Promise<void> {
    await expect(this.dialog).toBeHidden()
    await expect(this.shell.toast(/sent when it is back/)).toBeVisible()
  }

  /** The drawer closed and the success toast appeared (the table then shows the returned token). */
  async expectSaved(name?: string): Promise<void> {
    await expect(this.dialog).toBeHidden()
    await expect(this.shell.toast(name ? `Token “${name}” saved.` : /saved\.$/)).toBeVisible()
  }

  /** The save failed: the drawer stays open and shows `text` (in the alert or next to a field). */
  async expectError(text: string | RegExp): Promise<void> {
    await expect(this.dialog).toBeVisible()
    await expect(this.dialog).toContainText(text)
  }

  async expectValue(label: string, value: string): Promise<void> {
    await expect(this.dialog.getByLabel(label, { exact: true })).toHaveValue(value)
  }
}
