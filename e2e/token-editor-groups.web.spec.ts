import { startSandbox, type SandboxGateway } from '../src/sandbox/index'
import { GROUPS, AUTO_GROUP_ORDER } from '../src/sandbox/group-catalog'
import { AppShell } from './pages/app-shell'
import { GroupControls } from './pages/group-controls'
import { TokensPage } from './pages/tokens-page'
import { test, expect } from './fixtures/app-fixture'
import { addSandboxServer, pickEditableToken } from './flows/edit-token-flow'

// The token editor's group and model controls in the real app (browser host, Chromium) against sandbox
// gateways: a plain new-api server (one group per token, Auto order, cross-group retry) and the
// AnyAPI-like fork of the fixture (several groups per token).

const sorted = (names: readonly string[]) => [...new Set(names)].sort()

/** A plain new-api server of its own, added as the only server. */
async function plainServer(
  page: Parameters<typeof addSandboxServer>[0],
  webHostUrl: string,
  watch: (secret: string) => void,
): Promise<SandboxGateway> {
  const plain = await startSandbox()
  watch(plain.accessToken)
  await new AppShell(page).goto(webHostUrl)
  await addSandboxServer(page, plain, 'Plain gateway')
  return plain
}

test('pick a group, see its models, choose some, save; reopening shows them', async ({
  page,
  webHost,
  secretHygiene,
}) => {
  const plain = await plainServer(page, webHost.url, secretHygiene.watch)
  try {
    const target = plain.control
      .tokens()
      .find((t) => t.status === 1 && t.group === '' && !t.model_limits_enabled)!
    const tokens = new TokensPage(page)
    await tokens.expectTokenRow(target.name)
    let editor = await tokens.openEditor(target.name)
    let controls = new GroupControls(page, editor.dialog)
    // The empty group is named as the user's own group, with its ratio.
    await expect(controls.group).toContainText('Default (your group: default)')
    await controls.open(controls.group)
    await expect(controls.options().filter({ hasText: GROUPS.vip!.desc })).toContainText(
      `×${GROUPS.vip!.ratio}`,
    )
    await controls.pickOption('vip')

    await editor.dialog.getByRole('switch', { name: 'Restrict models', exact: true }).click()
    // The empty list is a warning before anything is sent.
    await expect(editor.dialog).toContainText('this token can use no model at all')
    expect(await controls.offeredModels()).toEqual(sorted(GROUPS.vip!.models))
    await controls.chooseModels(['o3-mini', 'claude-3-5-sonnet'])

    // Another group offers other models; the chosen ones it lacks stay, marked.
    await controls.chooseGroup('default')
    const marked = (name: string) => `${name}not offered in this group`
    expect(await controls.offeredModels()).toEqual(
      sorted([...GROUPS.default!.models, marked('o3-mini'), marked('claude-3-5-sonnet')]),
    )
    expect(await controls.chosenModels()).toEqual(['⚠ o3-mini', '⚠ claude-3-5-sonnet'])
    await controls.chooseGroup('vip')
    expect(await controls.chosenModels()).toEqual(['o3-mini', 'claude-3-5-sonnet'])

    await editor.save()
    await editor.expectSaved(target.name)
    expect(plain.control.token(target.id)).toMatchObject({
      group: 'vip',
      model_limits_enabled: true,
      model_limits: 'o3-mini,claude-3-5-sonnet',
    })

    editor = await tokens.openEditor(target.name)
    controls = new GroupControls(page, editor.dialog)
    await expect(controls.group).toContainText('vip')
    expect(await controls.chosenModels()).toEqual(['o3-mini', 'claude-3-5-sonnet'])
  } finally {
    await plain.close()
  }
})

test('auto with its own order and cross-group retry', async ({ page, webHost, secretHygiene }) => {
  const plain = await plainServer(page, webHost.url, secretHygiene.watch)
  try {
    const target = plain.control.tokens().find((t) => t.status === 1 && t.group !== 'auto')!
    const tokens = new TokensPage(page)
    await tokens.expectTokenRow(target.name)
    const editor = await tokens.openEditor(target.name)
    const controls = new GroupControls(page, editor.dialog)
    await controls.chooseGroup('Auto')
    await expect(editor.dialog).toContainText(
      `Leave empty to follow the server’s order: ${AUTO_GROUP_ORDER.join(' → ')}.`,
    )
    await editor.dialog.getByRole('switch', { name: 'Retry in the next group', exact: true }).click()
    await controls.addToOrder('vip')
    await controls.addToOrder('default')
    await expect(controls.orderRows()).toHaveText([/vip/, /default/])
    // From the keyboard: Alt+Arrow Up on the handle moves "default" to the top, and focus stays on it.
    const handle = editor.dialog.getByRole('button', { name: /^Drag default to reorder it/ })
    await handle.focus()
    await page.keyboard.press('Alt+ArrowUp')
    await expect(controls.orderRows()).toHaveText([/default/, /vip/])
    await expect(handle).toBeFocused()
    await expect(editor.dialog.locator('[aria-live="polite"]')).toHaveText('default is now number 1 of 2.')

    await editor.save()
    await editor.expectSaved(target.name)
    expect(plain.control.token(target.id)).toMatchObject({
      group: 'auto',
      auto_groups: ['default', 'vip'],
      cross_group_retry: true,
    })
  } finally {
    await plain.close()
  }
})

test('several groups on a server whose tokens list their groups', async ({ page, webHost, sandbox }) => {
  await new AppShell(page).goto(webHost.url)
  await addSandboxServer(page, sandbox)
  const target = pickEditableToken(sandbox)
  const tokens = new TokensPage(page)
  await tokens.expectTokenRow(target.name)
  const editor = await tokens.openEditor(target.name)
  const controls = new GroupControls(page, editor.dialog)
  await expect(editor.dialog).toContainText('This server takes several groups per token.')
  // Replace what the token has with default + vip.
  const chosen = controls.group.locator('.n-tag .n-tag__close')
  while ((await chosen.count()) > 0) await chosen.first().click()
  await controls.chooseGroup('default')
  await controls.pickOption('vip')
  await controls.closeMenu()
  await editor.dialog.getByRole('switch', { name: 'Restrict models', exact: true }).click()
  // Several groups offer every model any of them has.
  expect(await controls.offeredModels()).toEqual(sorted([...GROUPS.default!.models, ...GROUPS.vip!.models]))
  await controls.chooseModels(['claude-3-5-sonnet'])
  await editor.save()
  await editor.expectSaved(target.name)
  expect(sandbox.control.token(target.id)).toMatchObject({
    group: 'default,vip',
    model_limits: 'claude-3-5-sonnet',
    // The fork's own list of groups is carried through as it was.
    selected_groups: target.selected_groups,
  })
})
