import { expect, type Locator, type Page } from '@playwright/test'
import type { ExpiryPreset } from '../../src/shared/domain/expiry-presets'
import enUS from '../../src/renderer/src/i18n/en-US'
import { fill, textPattern, textWithin, type Catalogue } from '../fixtures/ui-matrix'
import { AppShell } from './app-shell'

// The token editor drawer (a dialog named "Edit token <name>", or "New token").

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
    readonly L: Catalogue = enUS,
  ) {
    const title = tokenName === null ? L.editor.createTitle : fill(L.editor.title, { name: tokenName })
    this.dialog = page.getByRole('dialog', { name: title, exact: true })
    this.shell = new AppShell(page, L)
  }

  switch(name: string): Locator {
    return this.dialog.getByRole('switch', { name, exact: true })
  }

  async setSwitch(name: string, on: boolean): Promise<void> {
    const control = this.switch(name)
    if ((await control.getAttribute('aria-checked')) !== String(on)) await control.click()
    await expect(control).toHaveAttribute('aria-checked', String(on))
  }

  async setName(name: string): Promise<void> {
    await this.dialog.getByLabel(this.L.editor.name, { exact: true }).fill(name)
  }

  /** Remaining quota in the server's display currency (dollars on a default server). */
  async setQuotaAmount(amount: number): Promise<void> {
    await this.setUnlimited(false)
    const input = this.dialog.getByLabel(this.L.editor.quota, { exact: true })
    await input.fill(String(amount))
    await input.blur()
  }

  async setUnlimited(on: boolean): Promise<void> {
    await this.setSwitch(this.L.editor.unlimited, on)
  }

  /** The "Enabled" switch of an existing token. */
  async setEnabled(on: boolean): Promise<void> {
    await this.setSwitch(this.L.editor.enabled, on)
  }

  async setNeverExpires(): Promise<void> {
    await this.setSwitch(this.L.editor.neverExpires, true)
  }

  /** The date-time picker's text box (inside the named box Tab lands on first). */
  expiryInput(): Locator {
    return this.dialog.getByRole('textbox', { name: this.L.editor.expiresAt, exact: true })
  }

  async setExpiry(date: Date): Promise<void> {
    await this.setSwitch(this.L.editor.neverExpires, false)
    const input = this.expiryInput()
    await input.fill(formatExpiry(date))
    await input.press('Enter')
    await expect(input).toHaveValue(formatExpiry(date))
  }

  /** Replaces the model whitelist (and turns the restriction on); an empty list turns it off. */
  async setModels(models: string[]): Promise<void> {
    await this.setSwitch(this.L.editor.modelLimitsEnabled, models.length > 0)
    if (models.length === 0) return
    const remove = this.dialog.getByRole('button', { name: textPattern(this.L.groups.models.remove) })
    while ((await remove.count()) > 0) await remove.first().click()
    const input = this.dialog.getByLabel(this.L.editor.models, { exact: true })
    for (const model of models) {
      await input.fill(model)
      await input.press('Enter')
    }
  }

  async setAllowIps(entries: string[]): Promise<void> {
    await this.dialog.getByLabel(this.L.editor.allowIps, { exact: true }).fill(entries.join('\n'))
  }

  /** The live byte count beside the name, e.g. "12 / 30 bytes". */
  nameCounter(): Locator {
    return this.dialog.getByText(textPattern(this.L.editor.nameBytes))
  }

  /** "Set to" or "Add / subtract" for the quota. */
  async setQuotaMode(mode: 'set' | 'add'): Promise<void> {
    const name = mode === 'set' ? this.L.editor.quotaSet : this.L.editor.quotaAdd
    await this.dialog.getByRole('radio', { name, exact: true }).check({ force: true })
  }

  /** In "Add / subtract": the amount to add (negative subtracts), in the server's currency. */
  async setQuotaDelta(amount: number): Promise<void> {
    await this.setQuotaMode('add')
    const input = this.dialog.getByLabel(this.L.editor.quotaDelta, { exact: true })
    await input.fill(String(amount))
    await input.blur()
  }

  /** A quick expiry button ("+1 month"…), counted from now or from the current expiry. */
  async pickExpiryPreset(preset: ExpiryPreset, from: 'now' | 'current' = 'now'): Promise<void> {
    const presets = this.L.editor.presets
    const base = this.dialog.getByRole('radio', {
      name: from === 'now' ? presets.fromNow : presets.fromCurrent,
      exact: true,
    })
    // "From the current expiry" exists only for a token that has one: asked for, it is waited for (the
    // editor's form may still be drawing); "from now" is the default, so a token without it needs nothing.
    if (from === 'current' || (await base.count()) > 0) await base.check({ force: true })
    await this.dialog
      .getByRole('group', { name: presets.label, exact: true })
      .getByRole('button', { name: presets[preset], exact: true })
      .click()
  }

  async setQuantity(quantity: number): Promise<void> {
    const input = this.dialog.getByLabel(this.L.editor.quantity, { exact: true })
    await input.fill(String(quantity))
    await input.blur()
  }

  /** The one-click revival offered for an expired or exhausted token. */
  async revive(): Promise<void> {
    await this.dialog.getByRole('button', { name: this.L.editor.revive.action, exact: true }).click()
  }

  /** The editor's Delete: the confirmation it asks for (answer it with TokensPage.confirmDelete). */
  async askDelete(tokenName: string): Promise<Locator> {
    await this.dialog.getByRole('button', { name: this.L.tokens.delete, exact: true }).click()
    const confirm = this.page.getByRole('alertdialog').filter({
      hasText: fill(this.L.tokens.deleteConfirm, { name: tokenName }),
    })
    await expect(confirm).toBeVisible()
    return confirm
  }

  /**
   * Sets one group: picked from the server's list (typing filters it, Enter takes the match or adds
   * the name typed), or typed when the editor could not read the server's groups.
   */
  async setGroup(group: string): Promise<void> {
    const select = this.dialog.locator('.group-select .n-select')
    if ((await select.count()) === 0)
      return this.dialog.getByLabel(this.L.editor.group, { exact: true }).fill(group)
    // A server that takes several groups has a multiple select: the group is set, not added to those
    // the token has.
    const remove = select.getByRole('button', { name: textPattern(this.L.groups.removeGroup) })
    while ((await remove.count()) > 0) await remove.first().click()
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
    await this.dialog.getByRole('button', { name: this.L.editor.save, exact: true }).click()
  }

  async create(): Promise<void> {
    await this.dialog.getByRole('button', { name: this.L.editor.create, exact: true }).click()
  }

  async saveAsDraft(): Promise<void> {
    await this.dialog.getByRole('button', { name: this.L.editor.saveAsDraft, exact: true }).click()
    await expect(this.dialog).toBeHidden()
  }

  /** Closes the drawer with its close button: the input is kept as a draft. */
  async close(): Promise<void> {
    await this.dialog.getByRole('button', { name: this.L.common.close, exact: true }).click()
    await expect(this.dialog).toBeHidden()
  }

  /** Saved while the server cannot be reached: the drawer closes and says the change waits. */
  async expectQueued(): Promise<void> {
    await expect(this.dialog).toBeHidden()
    await expect(this.shell.toast(textPattern(this.L.editor.queued))).toBeVisible()
  }

  /** The drawer closed and the success toast appeared (the table then shows the returned token). */
  async expectSaved(name?: string): Promise<void> {
    await expect(this.dialog).toBeHidden()
    const saved = this.L.editor.saved
    await expect(this.shell.toast(name ? fill(saved, { name }) : textWithin(saved))).toBeVisible()
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
