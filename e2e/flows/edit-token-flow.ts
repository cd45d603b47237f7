import { expect, type Page } from '@playwright/test'
import type { SandboxGateway, StoredToken } from '../../src/sandbox/index'
import { DEFAULT_SERVER_FACTS } from '../../src/shared/domain/server-facts'
import { formatQuota } from '../../src/shared/domain/quota-money'
import enUS from '../../src/renderer/src/i18n/en-US'
import { localeOf, type Catalogue } from '../fixtures/ui-matrix'
import { AppShell } from '../pages/app-shell'
import { ProfilesPage } from '../pages/profiles-page'
import { TokensPage } from '../pages/tokens-page'

// The flow every host must support, written once: add the sandbox as a server, see its tokens, edit a
// token while usage keeps consuming its quota, and check what the server now holds.

export const SERVER_NAME = 'Sandbox gateway'

export async function addSandboxServer(
  page: Page,
  sandbox: SandboxGateway,
  name = SERVER_NAME,
  L: Catalogue = enUS,
): Promise<void> {
  const profiles = new ProfilesPage(page, L)
  await profiles.addProfile({
    name,
    baseUrl: sandbox.baseUrl,
    userId: sandbox.userId,
    accessToken: sandbox.accessToken,
  })
  await profiles.expectAdded(name)
}

/** Opens the app in the catalogue's language and adds the sandbox as its one server (its tokens then show). */
export async function openOnSandbox(
  page: Page,
  webHostUrl: string,
  sandbox: SandboxGateway,
  L: Catalogue = enUS,
  name = SERVER_NAME,
): Promise<void> {
  await new AppShell(page, L).goto(webHostUrl)
  await addSandboxServer(page, sandbox, name, L)
}

/** A seeded, enabled, limited, never-expiring token that carries fork fields. */
export function pickEditableToken(sandbox: SandboxGateway): StoredToken {
  const token = sandbox.control
    .tokens()
    .find(
      (t) =>
        t.status === 1 &&
        !t.unlimited_quota &&
        t.remain_quota > 10_000_000 &&
        t.expired_time === -1 &&
        'mj_image_mode' in t,
    )
  if (!token) throw new Error('the sandbox seeds no editable token with fork fields')
  return token
}

/** Quota as the app writes it for a default server (the sandbox's), in the catalogue's language. */
export const money = (quota: number, L: Catalogue = enUS): string =>
  formatQuota(quota, DEFAULT_SERVER_FACTS, localeOf(L))

/** Every stored field except the ones named, for "nothing else changed" checks. */
export function without(token: StoredToken | undefined, ...fields: string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...token }
  for (const field of fields) delete copy[field]
  return copy
}

/**
 * Changes name, quota (in dollars) and expiry of one token through the UI while simulated usage
 * consumes quota, then checks the server holds exactly those values and nothing else changed.
 */
export async function editNameQuotaAndExpiry(page: Page, sandbox: SandboxGateway): Promise<void> {
  const tokens = new TokensPage(page)
  const target = pickEditableToken(sandbox)
  await tokens.expectTokenRow(target.name, {
    status: 'Enabled',
    remaining: money(target.remain_quota),
    expires: 'Never',
  })

  const editor = await tokens.openEditor(target.name)
  sandbox.control.consume(target.id, 3_000_000) // someone uses the key while the editor is open
  const whileEditing = sandbox.control.token(target.id)

  const expiry = new Date(Date.now() + 30 * 86_400_000)
  expiry.setMilliseconds(0)
  await editor.setName('E2E renamed token')
  await editor.setQuotaAmount(12.5)
  await editor.setExpiry(expiry)
  await editor.save()
  await editor.expectSaved('E2E renamed token')

  const stored = sandbox.control.token(target.id)
  expect(stored?.name).toBe('E2E renamed token')
  expect(stored?.remain_quota).toBe(12.5 * 500_000)
  expect(stored?.expired_time).toBe(expiry.getTime() / 1000)
  expect(without(stored, 'name', 'remain_quota', 'expired_time')).toEqual(
    without(whileEditing, 'name', 'remain_quota', 'expired_time'),
  )
  await tokens.expectTokenRow('E2E renamed token', { status: 'Enabled', remaining: '$12.50' })
}

/** Edits only the name while usage consumes quota: the consumed quota must not be given back. */
export async function renameWhileInUse(page: Page, sandbox: SandboxGateway): Promise<void> {
  const tokens = new TokensPage(page)
  const target = pickEditableToken(sandbox)
  const editor = await tokens.openEditor(target.name)
  sandbox.control.consume(target.id, 7_654_321)
  const whileEditing = sandbox.control.token(target.id)

  await editor.setName('Renamed during use')
  await editor.save()
  await editor.expectSaved('Renamed during use')

  const stored = sandbox.control.token(target.id)
  expect(stored?.remain_quota).toBe(target.remain_quota - 7_654_321)
  expect(without(stored, 'name')).toEqual(without(whileEditing, 'name'))
  await tokens.expectTokenRow('Renamed during use', { remaining: money(target.remain_quota - 7_654_321) })
}
