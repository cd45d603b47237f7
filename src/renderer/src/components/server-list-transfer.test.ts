import { afterEach, describe, expect, it } from 'vitest'
import type { TokenTemplate } from '@shared/domain/token-template'
import { bodyText, button } from '@renderer/test/dom'
import { createFakeApi } from '@renderer/test/fake-api'
import { mountApp, settle } from '@renderer/test/mount-app'
import ServerListTransfer from './server-list-transfer.vue'

// Importing a server list that carries token templates, with the fake bridge: the dialog names each
// template and what will happen to it, the user picks what a template named like a saved one does, and
// that choice is what main is asked for. A list without templates shows no template part at all.

afterEach(() => {
  document.body.innerHTML = ''
})

const SAVED: TokenTemplate = { id: 't1', name: 'Team A', group: 'mine' }

const listText = (templates?: unknown[]) =>
  JSON.stringify({
    format: 'tokendesk.servers',
    version: 1,
    exportedAt: '2026-12-01T00:00:00.000Z',
    servers: [],
    ...(templates ? { templates } : {}),
  })

async function pickFile(text: string): Promise<void> {
  const input = document.querySelector<HTMLInputElement>('input[type="file"]')!
  Object.defineProperty(input, 'files', {
    value: [new File([text], 'servers.json', { type: 'application/json' })],
    configurable: true,
  })
  input.dispatchEvent(new Event('change'))
  await settle()
}

const dialog = () => document.querySelector<HTMLElement>('[role="dialog"]')

function radio(name: string): HTMLInputElement {
  const found = [...document.querySelectorAll<HTMLInputElement>('input[type="radio"]')].find(
    (input) => input.closest('label')?.textContent?.trim() === name,
  )
  if (!found) throw new Error(`no radio "${name}"`)
  return found
}

describe('importing templates with the server list', () => {
  it('says what happens to each template and imports them as the user chose', async () => {
    const fake = createFakeApi({ templates: [SAVED] })
    mountApp(ServerListTransfer, { fake })
    await settle()
    const text = listText([
      { name: 'team a', group: 'vip', quota: { kind: 'unlimited' } },
      { name: 'Fresh', expiry: { kind: 'never' } },
      { name: 'Broken', allowIps: '999.1.1.1' },
    ])
    await pickFile(text)
    const shown = dialog()?.textContent ?? ''
    expect(shown).toContain('Token templates')
    expect(shown).toContain('team aA template with this name is saved already: skipped.')
    expect(shown).toContain('FreshNew: will be added.')
    expect(shown).toContain('Template 3 is not valid: Line 1 is not an IP address or CIDR range: “999.1.1.1”')
    expect(button('Import 0 servers and 1 template', dialog()!).disabled).toBe(false)

    radio('Replace the saved ones').click()
    await settle()
    expect(dialog()?.textContent).toContain('it will be replaced by this one.')
    button('Import 0 servers and 2 templates', dialog()!).click()
    await settle()
    expect(fake.callsOf('profiles.import')).toEqual([{ text, sameNameTemplates: 'replace' }])
    expect(bodyText()).toContain('2 token templates imported.')
    expect(bodyText()).not.toContain('servers imported')
    expect(fake.templates).toEqual([
      { id: 't1', name: 'team a', group: 'vip', quota: { kind: 'unlimited' } },
      { id: expect.any(String), name: 'Fresh', expiry: { kind: 'never' } },
    ])
  })

  it('shows no template part for a list written before templates existed', async () => {
    const fake = createFakeApi({ templates: [SAVED] })
    mountApp(ServerListTransfer, { fake })
    await settle()
    await pickFile(listText())
    expect(dialog()?.textContent).not.toContain('Token templates')
    expect(dialog()?.textContent).toContain('This list has no server that is not saved already.')
    expect(button('Import 0 servers', dialog()!).disabled).toBe(true)
  })
})
