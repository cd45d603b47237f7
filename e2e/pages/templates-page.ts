import { expect, type Locator, type Page } from '@playwright/test'
import enUS from '../../src/renderer/src/i18n/en-US'
import type { Catalogue } from '../fixtures/ui-matrix'
import { AppShell } from './app-shell'
import { GroupControls } from './group-controls'

// The token templates on the Servers screen: the list and the dialog a template is made or edited in.

export class TemplatesPage {
  readonly shell: AppShell
  readonly section: Locator

  constructor(
    readonly page: Page,
    readonly L: Catalogue = enUS,
  ) {
    this.shell = new AppShell(page, L)
    this.section = page.getByRole('region', { name: L.templates.title })
  }

  async open(): Promise<void> {
    await this.shell.nav('Servers').click()
    await expect(this.section).toBeVisible()
  }

  item(name: string): Locator {
    return this.section.getByRole('listitem').filter({ has: this.page.getByText(name, { exact: true }) })
  }

  async create(): Promise<TemplateDialog> {
    await this.open()
    await this.section.getByRole('button', { name: this.L.templates.new, exact: true }).click()
    const dialog = new TemplateDialog(this.page, this.L.templates.newTitle, this.L)
    await expect(dialog.dialog).toBeVisible()
    return dialog
  }
}

export class TemplateDialog {
  readonly dialog: Locator
  readonly groups: GroupControls

  constructor(
    readonly page: Page,
    title: string,
    readonly L: Catalogue = enUS,
  ) {
    this.dialog = page.getByRole('dialog', { name: title, exact: true })
    this.groups = new GroupControls(page, this.dialog, L)
  }

  async setName(name: string): Promise<void> {
    await this.dialog.getByLabel(this.L.templates.form.name, { exact: true }).fill(name)
  }

  /** Ticks "Sets the …": the template then sets that field of a token. */
  async tick(part: string): Promise<void> {
    const box = this.dialog.getByRole('checkbox', { name: part, exact: true })
    await box.click()
    await expect(box).toHaveAttribute('aria-checked', 'true')
  }

  async setExpiry(duration: string): Promise<void> {
    await this.dialog.getByRole('radio', { name: duration, exact: true }).check({ force: true })
  }

  /** The quota in the active server's currency (dollars on a default server). */
  async setQuotaAmount(amount: number): Promise<void> {
    const input = this.dialog.getByLabel(this.L.editor.quota, { exact: true })
    await input.fill(String(amount))
    await input.blur()
  }

  async save(): Promise<void> {
    await this.dialog.getByRole('button', { name: this.L.templates.save, exact: true }).click()
    await expect(this.dialog).toBeHidden()
  }
}
