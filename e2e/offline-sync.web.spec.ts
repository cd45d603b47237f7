import { startSandbox, type StoredToken } from '../src/sandbox/index'
import { test, expect } from './fixtures/app-fixture'
import { startWebHost } from './fixtures/web-host-process'
import { addSandboxServer } from './flows/edit-token-flow'
import { AppShell } from './pages/app-shell'
import { OutboxPage } from './pages/outbox-page'
import { TokenEditor } from './pages/token-editor'
import { TokensPage } from './pages/tokens-page'

// Offline drafts and conflict-safe sync in the real app: the gateway goes down, the user keeps working,
// the app restarts, the gateway comes back with changes of its own, and the outbox brings both together
// by itself — merging field by field and asking only about the field both sides changed.

function seeded(tokens: StoredToken[], used: Set<number>, wanted: (t: StoredToken) => boolean): StoredToken {
  const token = tokens.find((t) => !used.has(t.id) && wanted(t))
  if (!token) throw new Error('the sandbox seeds no such token')
  used.add(token.id)
  return token
}

test('edits made while the gateway is down survive a restart and sync by themselves, merged', async ({
  page,
  webHost,
  sandbox,
  dataDir,
  keychainService,
}) => {
  test.setTimeout(120_000)
  await new AppShell(page).goto(webHost.url)
  await addSandboxServer(page, sandbox)
  const tokens = new TokensPage(page)
  const outbox = new OutboxPage(page)
  const all = sandbox.control.tokens()
  const used = new Set<number>()
  const now = Math.floor(Date.now() / 1000)
  const usable = (t: StoredToken) =>
    t.status === 1 && t.name !== '' && (t.expired_time === -1 || t.expired_time > now + 86_400)
  const limited = (t: StoredToken) => usable(t) && !t.unlimited_quota && t.remain_quota > 0
  const refilled = seeded(all, used, limited)
  const toppedUp = seeded(all, used, limited)
  const regrouped = seeded(all, used, (t) => limited(t) && t.group !== 'vip' && !t.model_limits_enabled)
  const renamed = seeded(all, used, usable)
  const doomed = seeded(all, used, usable)
  const disabled = seeded(all, used, usable)
  await tokens.expectTokenRow(renamed.name)

  // The gateway goes down.
  await sandbox.goOffline()

  // Four edits, one new token, one delete, one disable — all kept as drafts.
  let editor = await tokens.openEditor(renamed.name)
  await editor.setName('Renamed offline')
  await editor.save()
  await editor.expectQueued()
  editor = await tokens.openEditor(regrouped.name)
  await editor.setGroup('vip')
  await editor.save()
  await editor.expectQueued()
  editor = await tokens.openEditor(refilled.name)
  await editor.setQuotaAmount(42)
  await editor.save()
  await editor.expectQueued()
  editor = await tokens.openEditor(toppedUp.name)
  await editor.setQuotaAmount(7)
  await editor.save()
  await editor.expectQueued()
  editor = await tokens.createToken()
  await editor.setName('Created offline')
  await editor.setQuotaAmount(5)
  await editor.create()
  await editor.expectQueued()
  await tokens.delete(doomed.name)
  await tokens.disable(disabled.name)
  await expect(new AppShell(page).serverState()).toContainText('Offline')
  // The table shows what the drafts will do, marked as pending.
  await tokens.filter('')
  await expect(tokens.row('Renamed offline')).toContainText('Pending')
  await expect(tokens.row('Created offline')).toContainText('New')
  await expect(tokens.row(disabled.name)).toContainText('Disabled')

  // The app restarts (a new process, the same data folder and keychain).
  await webHost.stop()
  const restarted = await startWebHost({ dataDir, keychainService })
  try {
    await new AppShell(page).goto(restarted.url)
    await outbox.open()
    await outbox.expectDrafts(7)
    // Right after the restart the drafts may be out on a first try (shown as Sending) until the down
    // gateway's refusal comes back: a clean-clone CI run looked while all seven were still out.
    await expect(page.getByText('The server cannot be reached.').first()).toBeVisible({ timeout: 30_000 })

    // Meanwhile, on the server: someone renames the first token too, limits the models of the
    // second, the third is in use, and the fourth is topped up by $10.
    sandbox.control.patchToken(renamed.id, { name: 'Renamed on the server' })
    const topUp = toppedUp.remain_quota + 10 * 500_000
    sandbox.control.patchToken(toppedUp.id, { remain_quota: topUp })
    sandbox.control.patchToken(regrouped.id, { model_limits_enabled: true, model_limits: 'gpt-4o' })
    const stopUsage = sandbox.control.startUsage({
      tokenIds: [refilled.id],
      quotaPerTick: 1_000,
      intervalMs: 20,
    })

    // The gateway comes back: the outbox finds out by itself and sends what it can.
    await sandbox.comeBack()
    const conflict = outbox.draft(/^Edit of “Renamed offline”/)
    await expect(conflict.getByText('Conflict', { exact: true })).toBeVisible({ timeout: 30_000 })
    const quotaConflict = outbox.draft(`Edit of “${toppedUp.name}”`)
    await expect(quotaConflict.getByText('Conflict', { exact: true })).toBeVisible({ timeout: 30_000 })
    await outbox.expectDrafts(2)
    stopUsage()

    // Merged: my group and their model limit on the second token; my amount on the third; one new
    // token; one deleted; one disabled; fork fields untouched throughout.
    expect(sandbox.control.token(regrouped.id)).toMatchObject({
      group: 'vip',
      model_limits_enabled: true,
      model_limits: 'gpt-4o',
      mj_image_mode: regrouped.mj_image_mode,
    })
    const quotaPut = sandbox.control
      .requests()
      .find((r) => r.method === 'PUT' && (r.body as { id: number }).id === refilled.id)
    expect((quotaPut!.body as { remain_quota: number }).remain_quota).toBe(42 * 500_000)
    expect(sandbox.control.tokens().filter((t) => t.name === 'Created offline')).toHaveLength(1)
    expect(sandbox.control.tokens().find((t) => t.name === 'Created offline')).toMatchObject({
      remain_quota: 5 * 500_000,
    })
    expect(sandbox.control.token(doomed.id)).toBeUndefined()
    expect(sandbox.control.token(disabled.id)!.status).toBe(2)
    // Nothing was written for the tokens in conflict: usage alone did not stop the third, the top-up
    // stopped the fourth.
    expect(sandbox.control.token(renamed.id)!.name).toBe('Renamed on the server')
    expect(sandbox.control.token(toppedUp.id)!.remain_quota).toBe(topUp)

    // The conflict shows base, mine and theirs for the field both changed; the user keeps theirs' other
    // fields and their own name.
    await expect(conflict).toContainText(`When you edited: ${renamed.name}`)
    await expect(conflict).toContainText('Keep mine: Renamed offline')
    await expect(conflict).toContainText('Take the server’s: Renamed on the server')
    await outbox.resolve(/^Edit of “Renamed offline”/, { Name: 'mine' })
    // The amount set over the top-up: both are kept, the $10 on top of the $7.
    await expect(quotaConflict).toContainText('the quota on the server changed by +$10.00')
    await outbox.resolve(`Edit of “${toppedUp.name}”`, { 'Remaining quota': 'both' })
    await outbox.expectEmpty()
    expect(sandbox.control.token(toppedUp.id)!.remain_quota).toBe(17 * 500_000)
    expect(sandbox.control.token(renamed.id)!.name).toBe('Renamed offline')
    // The history tells what each write handed back of the usage running meanwhile.
    await expect(page.getByRole('table', { name: 'Sent to the server' })).toContainText('Created')
    await tokens.open()
    await tokens.expectTokenRow('Renamed offline', { status: 'Enabled' })
    await expect(tokens.row('Renamed offline')).not.toContainText('Pending')
  } finally {
    await restarted.stop()
  }
})

test('switching servers with the editor open keeps the edit', async ({ page, webHost, sandbox }) => {
  const other = await startSandbox({ fork: 'anyapi' })
  try {
    await new AppShell(page).goto(webHost.url)
    await addSandboxServer(page, sandbox)
    await addSandboxServer(page, other, 'Second gateway')
    const tokens = new TokensPage(page)
    const target = sandbox.control.tokens().find((t) => t.status === 1 && t.name)!
    // The header's server picker: a combobox whose menu lists the servers as options.
    const choose = async (name: string) => {
      await page.getByRole('combobox', { name: 'Active server' }).click()
      await page.getByRole('listbox', { name: 'Active server' }).getByRole('option', { name }).click()
    }
    await choose('Sandbox gateway')
    const editor = await tokens.openEditor(target.name)
    await editor.setName('Typed before switching')
    await editor.setQuotaAmount(3)
    await choose('Second gateway')
    await expect(editor.dialog).toBeHidden()
    await expect(new AppShell(page).toast(/kept as a draft/)).toBeVisible()
    // Back on the first server, its screen is as it was left: the editor open, the input in it.
    await choose('Sandbox gateway')
    const reopened = new TokenEditor(page, 'Typed before switching')
    await expect(reopened.dialog).toBeVisible()
    await reopened.expectValue('Name', 'Typed before switching')
    await reopened.expectValue('Remaining quota', '$3.00') // written as the table writes quota
    // Nothing reached either server.
    expect(sandbox.control.token(target.id)!.name).toBe(target.name)
    expect(other.control.tokens().some((t) => t.name === 'Typed before switching')).toBe(false)
    await reopened.save()
    await reopened.expectSaved('Typed before switching')
    expect(sandbox.control.token(target.id)).toMatchObject({
      name: 'Typed before switching',
      remain_quota: 1_500_000,
    })
    // One edit, one draft: nothing of it is left waiting in the outbox.
    await expect(new AppShell(page).nav('Outbox')).toHaveAccessibleName('Outbox')
  } finally {
    await other.close()
  }
})
