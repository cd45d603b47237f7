import { expect, type Locator, type Page } from '@playwright/test'
import type { AppLocale } from '../../src/renderer/src/i18n/app-locale'
import enUS from '../../src/renderer/src/i18n/en-US'
import { localeOf, type Catalogue } from '../fixtures/ui-matrix'

// The parts of the window every page object needs: the section navigation and the toasts. Every page
// object is given the catalogue of the language the test runs in (English unless said otherwise) and
// finds controls by the names that catalogue gives them; `goto` opens the app in that language.

/** The app's address with `?lang=` set: the app shows that language whatever it remembered. */
export function withLocale(url: string, locale: AppLocale): string {
  const parsed = new URL(url)
  parsed.searchParams.set('lang', locale)
  return parsed.toString() // keeps the `#secret=…` fragment of the browser host
}

export class AppShell {
  constructor(
    readonly page: Page,
    readonly L: Catalogue = enUS,
  ) {}

  async goto(url: string): Promise<void> {
    await this.page.goto(withLocale(url, localeOf(this.L)))
  }

  nav(section: 'Tokens' | 'Outbox' | 'Watch' | 'Servers'): Locator {
    const nav = this.L.app.nav
    // The outbox and watch buttons' names carry their count ("Outbox, 3 unsynced") when there is one.
    const counted = section === 'Outbox' || section === 'Watch'
    const key = ({ Tokens: 'tokens', Outbox: 'outbox', Watch: 'watch', Servers: 'servers' } as const)[section]
    const name = counted ? new RegExp(`^${nav[key]}`) : nav[key]
    return this.page
      .getByRole('navigation', { name: nav.label })
      .getByRole('button', { name, exact: !counted })
  }

  /** The active server's state in the header, e.g. "Online", "Offline". */
  serverState(): Locator {
    return this.page.getByRole('banner').getByRole('status').first()
  }

  /** Switches the UI language with the header's radio buttons (the inputs are visually hidden). */
  async setLanguage(locale: AppLocale): Promise<void> {
    const radio = this.page.getByRole('radio', { name: this.L.languages[locale], exact: true })
    await this.page.locator('label').filter({ has: radio }).click()
    await expect(radio).toBeChecked()
  }

  /**
   * The newest toast message (success, info, error) with this text, as a screen reader meets it: in a
   * status region (a live region) of the page. Earlier identical toasts may still be fading out, hence
   * `last()`.
   */
  toast(text: string | RegExp): Locator {
    return this.page.getByRole('status').locator('.n-message').filter({ hasText: text }).last()
  }
}
