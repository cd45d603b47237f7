import { expect, type Locator, type Page } from '@playwright/test'

// The parts of the window every page object needs: the section navigation and the toasts.
// The UI language is forced to English by `?lang=en-US` (see `withEnglish`), so names below are English.

export function withEnglish(url: string): string {
  const parsed = new URL(url)
  parsed.searchParams.set('lang', 'en-US')
  return parsed.toString() // keeps the `#secret=…` fragment of the browser host
}

export class AppShell {
  constructor(readonly page: Page) {}

  async goto(url: string): Promise<void> {
    await this.page.goto(withEnglish(url))
  }

  nav(section: 'Tokens' | 'Outbox' | 'Servers'): Locator {
    // The outbox button's name carries its count ("Outbox, 3 unsynced") when drafts wait.
    const name = section === 'Outbox' ? /^Outbox\b/ : section
    return this.page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('button', { name, exact: section !== 'Outbox' })
  }

  /** The active server's state in the header, e.g. "Online", "Offline". */
  serverState(): Locator {
    return this.page.getByRole('banner').getByRole('status').first()
  }

  /** Switches the UI language with the header's radio buttons (the inputs are visually hidden). */
  async setLanguage(language: 'English' | '简体中文'): Promise<void> {
    const radio = this.page.getByRole('radio', { name: language, exact: true })
    await this.page.locator('label').filter({ has: radio }).click()
    await expect(radio).toBeChecked()
  }

  /**
   * The newest toast message (success, info, error) with this text. Naive UI's messages carry no role,
   * so they are matched by text; earlier identical toasts may still be fading out, hence `last()`.
   */
  toast(text: string | RegExp): Locator {
    return this.page.locator('.n-message').filter({ hasText: text }).last()
  }
}
