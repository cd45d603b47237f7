import { startSandbox, type SandboxGateway } from '../src/sandbox/index'
import { GROUPS, AUTO_GROUP_ORDER } from '../src/sandbox/group-catalog'
import { GroupControls } from './pages/group-controls'
import { TokensPage } from './pages/tokens-page'
import { test, expect } from './fixtures/app-fixture'
import { fill, forEachUi, snap, textPattern, type Catalogue } from './fixtures/ui-matrix'
import { openOnSandbox, pickEditableToken } from './flows/edit-token-flow'

// The token editor's group and model controls in the real app (browser host, Chromium) against sandbox
// gateways: a plain new-api server (one group per token, Auto order, cross-group retry) and the
// AnyAPI-like fork of the fixture (several groups per token) — in both languages and colour schemes.

const sorted = (names: readonly string[]) => [...new Set(names)].sort()

/** A plain new-api server of its own, added as the only server. */
async function plainServer(
  page: Parameters<typeof openOnSandbox>[0],
  webHostUrl: string,
  watch: (secret: string) => void,
  L: Catalogue,
): Promise<SandboxGateway> {
  const plain = await startSandbox()
  watch(plain.accessToken)
  await openOnSandbox(page, webHostUrl, plain, L, 'Plain gateway')
  return plain
}

forEachUi('token editor groups and models', ({ L }) => {
  test('pick a group, see its models, choose some, save; reopening shows them; the restriction turns off', async ({
    page,
    webHost,
    secretHygiene,
  }, testInfo) => {
    const plain = await plainServer(page, webHost.url, secretHygiene.watch, L)
    try {
      const target = plain.control
        .tokens()
        .find((t) => t.status === 1 && t.group === '' && !t.model_limits_enabled)!
      const tokens = new TokensPage(page, L)
      await tokens.expectTokenRow(target.name)
      let editor = await tokens.openEditor(target.name)
      let controls = new GroupControls(page, editor.dialog, L)
      // The empty group is named as the user's own group, with its ratio.
      await expect(controls.group).toContainText(fill(L.groups.own, { group: 'default' }))
      await controls.open(controls.group)
      await expect(controls.options().filter({ hasText: GROUPS.vip!.desc })).toContainText(
        fill(L.groups.ratio, { ratio: GROUPS.vip!.ratio }),
      )
      await snap(page, testInfo, 'group-menu')
      await controls.pickOption('vip')

      await editor.switch(L.editor.modelLimitsEnabled).click()
      // The empty list is a warning before anything is sent.
      await expect(editor.dialog).toContainText(L.groups.models.empty)
      expect(await controls.offeredModels()).toEqual(sorted(GROUPS.vip!.models))
      await controls.chooseModels(['o3-mini', 'claude-3-5-sonnet'])

      // Another group offers other models; the chosen ones it lacks stay, marked.
      await controls.chooseGroup('default')
      const marked = (name: string) => `${name}${L.groups.models.notOffered}`
      expect(await controls.offeredModels()).toEqual(
        sorted([...GROUPS.default!.models, marked('o3-mini'), marked('claude-3-5-sonnet')]),
      )
      expect(await controls.chosenModels()).toEqual(['⚠ o3-mini', '⚠ claude-3-5-sonnet'])
      await expect(editor.dialog).toContainText(L.groups.models.unknownHint)
      await snap(page, testInfo, 'models-not-offered')
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
      controls = new GroupControls(page, editor.dialog, L)
      await expect(controls.group).toContainText('vip')
      expect(await controls.chosenModels()).toEqual(['o3-mini', 'claude-3-5-sonnet'])
      // From the keyboard: every letter typed on the focused field reaches its search.
      const more = GROUPS.vip!.models.find((name) => !['o3-mini', 'claude-3-5-sonnet'].includes(name))!
      await controls.typeModel(more)
      expect(await controls.chosenModels()).toEqual(['o3-mini', 'claude-3-5-sonnet', more])

      // Off again: every model is allowed; the list the server kept does not matter then.
      await editor.setModels([])
      await expect(controls.models).toHaveCount(0)
      await editor.save()
      await editor.expectSaved(target.name)
      expect(plain.control.token(target.id)).toMatchObject({ group: 'vip', model_limits_enabled: false })
    } finally {
      await plain.close()
    }
  })

  test('auto with its own order and cross-group retry', async ({
    page,
    webHost,
    secretHygiene,
  }, testInfo) => {
    const plain = await plainServer(page, webHost.url, secretHygiene.watch, L)
    try {
      const target = plain.control.tokens().find((t) => t.status === 1 && t.group !== 'auto')!
      const tokens = new TokensPage(page, L)
      await tokens.expectTokenRow(target.name)
      const editor = await tokens.openEditor(target.name)
      const controls = new GroupControls(page, editor.dialog, L)
      await controls.chooseGroup(L.groups.auto)
      await expect(editor.dialog).toContainText(
        fill(L.groups.order.help, { order: AUTO_GROUP_ORDER.join(' → ') }),
      )
      await editor.switch(L.groups.crossGroupRetry).click()
      await controls.addToOrder('vip')
      await controls.addToOrder('default')
      await expect(controls.orderRows()).toHaveText([/vip/, /default/])
      // From the keyboard: Alt+Arrow Up on the handle moves "default" to the top, and focus stays on it.
      const handle = editor.dialog.getByRole('button', {
        name: fill(L.groups.order.handle, { group: 'default' }),
        exact: true,
      })
      await handle.focus()
      await page.keyboard.press('Alt+ArrowUp')
      await expect(controls.orderRows()).toHaveText([/default/, /vip/])
      await expect(handle).toBeFocused()
      await expect(editor.dialog.locator('[aria-live="polite"]')).toHaveText(
        fill(L.groups.order.moved, { group: 'default', position: 1, count: 2 }),
      )
      await snap(page, testInfo, 'auto-order')

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

  test('several groups on a server whose tokens list their groups', async ({
    page,
    webHost,
    sandbox,
  }, testInfo) => {
    await openOnSandbox(page, webHost.url, sandbox, L)
    const target = pickEditableToken(sandbox)
    const tokens = new TokensPage(page, L)
    await tokens.expectTokenRow(target.name)
    const editor = await tokens.openEditor(target.name)
    const controls = new GroupControls(page, editor.dialog, L)
    await expect(editor.dialog).toContainText(L.groups.helpMulti)
    // Replace what the token has with default + vip, with each group's own remove button.
    const chosen = controls.group.getByRole('button', { name: textPattern(L.groups.removeGroup) })
    while ((await chosen.count()) > 0) await chosen.first().click()
    await controls.chooseGroup('default')
    await controls.pickOption('vip')
    await controls.closeMenu()
    await snap(page, testInfo, 'several-groups')
    await editor.switch(L.editor.modelLimitsEnabled).click()
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
})
