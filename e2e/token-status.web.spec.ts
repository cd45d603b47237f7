import { REVIVE_DAYS } from '../src/shared/domain/revive-token'
import { TokensPage } from './pages/tokens-page'
import { test, expect } from './fixtures/app-fixture'
import { fill, forEachUi, snap } from './fixtures/ui-matrix'
import { openOnSandbox, pickEditableToken } from './flows/edit-token-flow'

// Switching a token off and on, reviving it and deleting it — from its row in the table and from its
// editor — in the real app through the browser host, in both languages and colour schemes. What the
// server then holds is read from the sandbox's own rows.

const DAY = 86_400
const nowSeconds = () => Math.floor(Date.now() / 1000)

forEachUi('token status and delete', ({ L }) => {
  test.beforeEach(async ({ page, webHost, sandbox }) => {
    await openOnSandbox(page, webHost.url, sandbox, L)
  })

  test('from its row: disable, enable, revive an expired and an exhausted token, delete once confirmed', async ({
    page,
    sandbox,
  }, testInfo) => {
    const tokens = new TokensPage(page, L)
    const target = pickEditableToken(sandbox)
    const stored = () => sandbox.control.token(target.id)

    await tokens.disable(target.name)
    await expect(tokens.shell.toast(fill(L.tokens.done, { name: target.name }))).toBeVisible()
    await expect.poll(() => stored()?.status).toBe(2)
    await tokens.expectTokenRow(target.name, { status: L.tokens.status.disabled })
    await snap(page, testInfo, 'row-disabled')
    await tokens.enable(target.name)
    await expect.poll(() => stored()?.status).toBe(1)
    await tokens.expectTokenRow(target.name, { status: L.tokens.status.enabled })

    // Expired: a new expiry REVIVE_DAYS from the click. Exhausted: as much quota as it used so far.
    const expired = sandbox.control.tokens().find((token) => token.name === '测试-已过期')
    const exhausted = sandbox.control.tokens().find((token) => token.name === '额度用尽-batch')
    if (!expired || !exhausted) throw new Error('the sandbox seeds an expired and an exhausted token')
    await tokens.filter(expired.name)
    const before = nowSeconds()
    await tokens.rowAction('reviveAria', expired.name).click()
    // Its stored status still says enabled (the server had not marked it): the new expiry tells. The
    // table decides it on its own clock, which ticks now and then: within a minute of the click.
    await expect
      .poll(() => sandbox.control.token(expired.id)?.expired_time ?? 0)
      .toBeGreaterThan(nowSeconds())
    const revivedUntil = sandbox.control.token(expired.id)!.expired_time
    expect(Math.abs(revivedUntil - (before + REVIVE_DAYS * DAY))).toBeLessThanOrEqual(60)
    expect(sandbox.control.token(expired.id)?.status).toBe(1)
    await tokens.expectTokenRow(expired.name, { status: L.tokens.status.enabled })
    await tokens.filter(exhausted.name)
    // The longest status reads in full, in either language: its column is wide enough for it.
    const pill = tokens.row(exhausted.name).getByText(L.tokens.status.exhausted, { exact: true })
    expect(await pill.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true)
    await tokens.rowAction('reviveAria', exhausted.name).click()
    await expect.poll(() => sandbox.control.token(exhausted.id)?.status).toBe(1)
    expect(sandbox.control.token(exhausted.id)?.remain_quota).toBe(exhausted.used_quota)
    await tokens.expectTokenRow(exhausted.name, { status: L.tokens.status.enabled })

    // Delete asks first: "Cancel" keeps the token, "Delete" removes it on the server.
    let confirm = await tokens.askDelete(target.name)
    await snap(page, testInfo, 'row-delete-confirm')
    await confirm.getByRole('button', { name: L.common.cancel, exact: true }).click()
    await expect(confirm).toBeHidden()
    expect(stored()).toBeDefined()
    confirm = await tokens.askDelete(target.name)
    await tokens.confirmDelete(confirm)
    await expect.poll(stored).toBeUndefined()
    await tokens.expectNoTokenRow(target.name)
  })

  test('from its editor: disable and enable with its switch, delete once confirmed', async ({
    page,
    sandbox,
  }, testInfo) => {
    const tokens = new TokensPage(page, L)
    const target = pickEditableToken(sandbox)
    const stored = () => sandbox.control.token(target.id)

    const editor = await tokens.openEditor(target.name)
    await editor.setEnabled(false)
    await editor.save()
    await editor.expectSaved(target.name)
    expect(stored()?.status).toBe(2)
    await tokens.expectTokenRow(target.name, { status: L.tokens.status.disabled })

    const again = await tokens.openEditor(target.name)
    await expect(again.switch(L.editor.enabled)).toHaveAttribute('aria-checked', 'false')
    await again.setEnabled(true)
    await again.save()
    await again.expectSaved(target.name)
    expect(stored()?.status).toBe(1)

    const last = await tokens.openEditor(target.name)
    const confirm = await last.askDelete(target.name)
    await snap(page, testInfo, 'editor-delete-confirm')
    await tokens.confirmDelete(confirm)
    await expect(last.dialog).toBeHidden()
    await expect.poll(stored).toBeUndefined()
    await tokens.expectNoTokenRow(target.name)
  })
})
