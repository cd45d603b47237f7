import { expect, type Locator, type Page } from '@playwright/test'
import enUS from '../../src/renderer/src/i18n/en-US'
import type { Catalogue } from '../fixtures/ui-matrix'

// The token editor's group and model controls (Naive UI selects): the group select with each group's
// ratio and description, the model select of the chosen group, and the Auto order list. A select's menu
// opens outside the drawer, so its options are found on the page (in the one menu that is visible).

export class GroupControls {
  /** The group select as a whole (what it shows as chosen). */
  readonly group: Locator
  readonly models: Locator

  constructor(
    readonly page: Page,
    readonly dialog: Locator,
    readonly L: Catalogue = enUS,
  ) {
    // The select box carries the field's name (its search box exists only while a menu is open).
    this.group = dialog
      .locator('.n-select', { has: page.getByLabel(L.editor.group, { exact: true }) })
      .first()
    this.models = dialog
      .locator('.n-select', { has: page.getByLabel(L.editor.models, { exact: true }) })
      .first()
  }

  private menu(): Locator {
    return this.page.locator('.n-base-select-menu').filter({ visible: true })
  }

  /** The options of the open select menu. */
  options(): Locator {
    return this.menu().locator('.n-base-select-option')
  }

  async open(select: Locator): Promise<void> {
    await select.locator('.n-base-selection').click()
    await expect(this.menu()).toHaveCount(1)
  }

  async closeMenu(): Promise<void> {
    await this.page.keyboard.press('Escape')
    await expect(this.menu()).toHaveCount(0)
  }

  /** Picks the group whose name is `name` (its option also shows ratio and description). */
  async pickOption(name: string): Promise<void> {
    await this.options()
      .filter({ has: this.page.locator('.group-option__name', { hasText: new RegExp(`^${name}$`) }) })
      .click()
  }

  async chooseGroup(name: string): Promise<void> {
    await this.open(this.group)
    await this.pickOption(name)
  }

  /** The model names the model menu offers. */
  async offeredModels(): Promise<string[]> {
    await this.open(this.models)
    const texts = await this.options().allTextContents()
    await this.closeMenu()
    return texts.map((text) => text.trim()).sort()
  }

  async chooseModels(names: string[]): Promise<void> {
    await this.open(this.models)
    for (const name of names)
      await this.options()
        .filter({ hasText: new RegExp(`^${name}`) })
        .click()
    await this.closeMenu()
  }

  /** Types a model's name on the models field as a keyboard user does: focus it, type, Enter. */
  async typeModel(name: string): Promise<void> {
    await this.dialog.getByRole('combobox', { name: this.L.editor.models, exact: true }).focus()
    await this.page.keyboard.type(name, { delay: 20 })
    await this.page.keyboard.press('Enter')
    await this.closeMenu()
  }

  /** The chosen models as their tags read (a marked one starts with ⚠). */
  async chosenModels(): Promise<string[]> {
    return (await this.models.locator('.n-tag').allTextContents()).map((text) => text.trim())
  }

  orderRows(): Locator {
    return this.dialog.locator('.auto-order__item')
  }

  async addToOrder(name: string): Promise<void> {
    await this.open(
      this.dialog.locator('.n-select', {
        has: this.page.getByLabel(this.L.groups.order.add, { exact: true }),
      }),
    )
    await this.options()
      .filter({ hasText: new RegExp(`^${name} ·`) })
      .click()
  }
}
