import { expect, type Locator, type Page } from '@playwright/test'
import enUS from '../../src/renderer/src/i18n/en-US'
import { fill, textWithin, type Catalogue } from '../fixtures/ui-matrix'
import { AppShell } from './app-shell'

// The "Servers" section: the saved servers and the "Add a server" form.

export interface NewProfile {
  name: string
  baseUrl: string
  userId: number | string
  accessToken: string
  /** Tick "Send the access token unencrypted" (needed for http:// to a non-loopback host). */
  allowInsecureHttp?: boolean
}

export class ProfilesPage {
  readonly shell: AppShell
  readonly form: Locator
  readonly list: Locator

  constructor(
    readonly page: Page,
    readonly L: Catalogue = enUS,
  ) {
    this.shell = new AppShell(page, L)
    this.form = page.getByRole('region', { name: L.profiles.add.title })
    this.list = page.getByRole('list', { name: L.profiles.listLabel })
  }

  async open(): Promise<void> {
    await this.shell.nav('Servers').click()
    await expect(this.form).toBeVisible()
  }

  async fillProfile(profile: NewProfile): Promise<void> {
    await this.open()
    const add = this.L.profiles.add
    await this.form.getByLabel(add.name, { exact: true }).fill(profile.name)
    await this.form.getByLabel(add.baseUrl, { exact: true }).fill(profile.baseUrl)
    await this.form.getByLabel(add.userId, { exact: true }).fill(String(profile.userId))
    await this.form.getByLabel(add.accessToken, { exact: true }).fill(profile.accessToken)
    if (profile.allowInsecureHttp) {
      await this.form.getByRole('checkbox', { name: add.insecureConsent }).check()
    }
  }

  /** Fills and submits the form; on success the app switches to the new server's tokens. */
  async addProfile(profile: NewProfile): Promise<void> {
    await this.fillProfile(profile)
    await this.form.getByRole('button', { name: this.L.profiles.add.submit }).click()
  }

  async expectAdded(name: string): Promise<void> {
    await expect(this.shell.toast(fill(this.L.profiles.add.added, { name }))).toBeVisible()
  }

  /** A failure shown in the form: the alert after a refused add, or a message next to a field. */
  async expectError(text: string | RegExp): Promise<void> {
    await expect(this.form).toContainText(text)
  }

  async expectInsecureWarning(): Promise<void> {
    await expect(this.form.getByRole('checkbox', { name: this.L.profiles.add.insecureConsent })).toBeVisible()
  }

  item(name: string): Locator {
    return this.list.getByRole('listitem').filter({ has: this.page.getByText(name, { exact: true }) })
  }

  async expectProfile(name: string): Promise<void> {
    await this.open()
    await expect(this.item(name)).toBeVisible()
  }

  async expectActive(name: string): Promise<void> {
    await this.open()
    await expect(this.item(name)).toHaveAttribute('aria-current', 'true')
  }

  /** Makes a saved server the active one (the header also has a picker; this is the accessible path). */
  async select(name: string): Promise<void> {
    await this.open()
    await this.page
      .getByRole('button', { name: fill(this.L.profiles.useAria, { name }), exact: true })
      .click()
  }

  async remove(name: string): Promise<void> {
    await this.open()
    await this.page
      .getByRole('button', { name: fill(this.L.profiles.removeAria, { name }), exact: true })
      .click()
    // An alert dialog, named by its question and described by what removing does.
    const dialog = this.page.getByRole('alertdialog', {
      name: this.L.profiles.removeConfirm.title,
      exact: true,
    })
    await expect(dialog).toHaveAccessibleDescription(textWithin(this.L.profiles.removeConfirm.body, { name }))
    await dialog.getByRole('button', { name: this.L.common.remove, exact: true }).click()
    await expect(this.item(name)).toHaveCount(0)
  }

  /** The "Add a server" form's field, with its label, input and message. */
  field(label: string, form: Locator = this.form): Locator {
    return form.locator('.n-form-item').filter({ has: this.page.getByLabel(label, { exact: true }) })
  }

  /** Expects exactly this field marked invalid, showing this message beside it. */
  async expectFieldIssue(label: string, text: string | RegExp, form: Locator = this.form): Promise<void> {
    await expect(form.getByLabel(label, { exact: true })).toHaveAttribute('aria-invalid', 'true')
    await expect(this.field(label, form)).toContainText(text)
    const add = this.L.profiles.add
    for (const other of [add.name, add.baseUrl, add.userId, add.accessToken].filter((l) => l !== label)) {
      const input = form.getByLabel(other, { exact: true })
      if ((await input.count()) > 0) await expect(input).not.toHaveAttribute('aria-invalid', 'true')
    }
  }

  async testConnection(form: Locator = this.form): Promise<void> {
    await form.getByRole('button', { name: this.L.profiles.form.test }).click()
  }

  /** Opens a saved server's edit dialog. */
  async edit(name: string): Promise<Locator> {
    await this.open()
    await this.page
      .getByRole('button', { name: fill(this.L.profiles.edit.buttonAria, { name }), exact: true })
      .click()
    const dialog = this.page.getByRole('dialog', { name: fill(this.L.profiles.edit.title, { name }) })
    await expect(dialog).toBeVisible()
    return dialog
  }
}
