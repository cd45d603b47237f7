import { expect, type Locator, type Page } from '@playwright/test'
import { AppShell } from './app-shell'

// The "Outbox" section: the active server's unsynced drafts, their conflicts, and the history.

export class OutboxPage {
  readonly shell: AppShell
  readonly list: Locator

  constructor(readonly page: Page) {
    this.shell = new AppShell(page)
    this.list = page.getByRole('list', { name: 'Unsynced drafts' })
  }

  async open(): Promise<void> {
    await this.shell.nav('Outbox').click()
    await expect(this.page.getByRole('heading', { name: /^Outbox of / })).toBeVisible()
  }

  /** One draft, by its heading ("Edit of “name”", "New token “name”", "Delete “name”"). */
  draft(heading: string | RegExp): Locator {
    return this.page.getByRole('group', { name: heading })
  }

  async expectDrafts(count: number): Promise<void> {
    await expect(this.list.getByRole('listitem')).toHaveCount(count)
  }

  async expectEmpty(): Promise<void> {
    await expect(
      this.page.getByText('Nothing waits to be sent: every change is on the server.'),
    ).toBeVisible()
  }

  /**
   * Resolves a conflict field by field: 'mine' or 'theirs' per field label ('both' for a quota topped up
   * on the server), then applies.
   */
  async resolve(
    heading: string | RegExp,
    choices: Record<string, 'mine' | 'theirs' | 'both'>,
  ): Promise<void> {
    const draft = this.draft(heading)
    for (const [label, take] of Object.entries(choices)) {
      const field = draft.getByRole('group', { name: label, exact: true })
      const name = { mine: /^Keep mine/, theirs: /^Take the server’s/, both: /^Both/ }[take]
      // Naive UI's radio inputs are visually hidden: click the choice's text, as a user does.
      await field.getByText(name).click()
      await expect(field.getByRole('radio', { name })).toBeChecked()
    }
    await draft.getByRole('button', { name: 'Apply and send', exact: true }).click()
  }
}
