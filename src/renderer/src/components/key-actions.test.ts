import { afterEach, describe, expect, it, vi } from 'vitest'
import { createFakeApi, makeProfile, makeToken } from '@renderer/test/fake-api'
import { fakeKeyOf } from '@renderer/test/fake-keys'
import { bodyText, button } from '@renderer/test/dom'
import { mountApp, settle } from '@renderer/test/mount-app'
import { overlayToken } from '@shared/domain/draft-overlay'
import { switchLocale } from '@renderer/i18n'
import KeyActions from './key-actions.vue'

// The key menu as a user drives it: open it, read the reveals left, copy, open in a client.

const profile = makeProfile({ id: 'p1', baseUrl: 'https://gw.example.com' })
const tokens = [
  makeToken({ id: 1, name: 'alpha' }),
  makeToken({ id: 2, name: 'beta' }),
  makeToken({ id: 3, name: 'gamma' }),
]

function setup(rows: unknown[]) {
  const fake = createFakeApi({ profiles: [profile], tokens: { p1: tokens } })
  mountApp(KeyActions, { fake, props: { profileId: 'p1', rows } })
  return fake
}

async function openMenu(name: string) {
  button(name).click()
  await settle()
}

function option(text: string): HTMLElement {
  const found = [...document.querySelectorAll<HTMLElement>('.n-dropdown-option-body')].find(
    (el) => el.textContent?.trim() === text,
  )
  if (!found) throw new Error(`no menu option "${text}"`)
  return found
}

const optionTexts = () =>
  [...document.querySelectorAll('.n-dropdown-option-body')].map((el) => el.textContent?.trim())

afterEach(() => {
  document.body.innerHTML = ''
  vi.restoreAllMocks()
})

describe('key actions', () => {
  it('copies one key to the clipboard from the page and shows the reveals left going down', async () => {
    const fake = setup([overlayToken(tokens[0]!, [])])
    await openMenu('Key actions for alpha')
    expect(bodyText()).toContain('Key reveals left: 19 of 19')
    option('Copy key').click()
    await settle()
    expect(await navigator.clipboard.readText()).toBe(fakeKeyOf(1))
    expect(bodyText()).toContain('Key copied to the clipboard.')
    expect(fake.callsOf('keys.copy')).toEqual([{ profileId: 'p1', tokenIds: [1], format: 'keys' }])
    await openMenu('Key actions for alpha')
    expect(bodyText()).toContain('Key reveals left: 18 of 19 · next frees in 20 min')
  })

  it('lets the Electron host write the clipboard: no text reaches the page', async () => {
    const fake = setup([tokens[1]!])
    fake.keyHost.desktop = true
    await navigator.clipboard.writeText('untouched')
    await openMenu('Key actions for beta')
    option('Copy as JSON for another gateway').click()
    await settle()
    expect(await navigator.clipboard.readText()).toBe('untouched')
    expect(JSON.parse(fake.keyHost.clipboard[0]!)).toEqual({
      _type: 'newapi_channel_conn',
      key: fakeKeyOf(2),
      url: 'https://gw.example.com',
    })
    expect(bodyText()).toContain('Connection JSON copied to the clipboard.')
  })

  it("copies connection info labelled in the window's language", async () => {
    const fake = createFakeApi({ profiles: [profile], tokens: { p1: tokens } })
    const { i18n } = mountApp(KeyActions, { fake, props: { profileId: 'p1', rows: [tokens[0]!] } })
    expect(await switchLocale(i18n.global, 'zh-CN', false)).toBe(true)
    await settle()
    await openMenu('alpha 的密钥操作')
    option('复制连接信息').click()
    await settle()
    expect(await navigator.clipboard.readText()).toBe(
      `API 地址: https://gw.example.com\nAPI 密钥: ${fakeKeyOf(1)}`,
    )
  })

  it('copies the keys of a selection in one call, leaving out a create not yet on the server', async () => {
    const creating = { ...overlayToken(makeToken({ id: -1, name: 'new' }), []), creating: true }
    const fake = setup([creating, ...tokens.map((token) => overlayToken(token, []))])
    await openMenu('Key actions for 4 tokens')
    expect(optionTexts()).toEqual([
      'Copy 3 keys',
      'Copy 3 names and keys',
      'Copy connection info',
      'Copy as JSON for another gateway',
    ])
    option('Copy 3 keys').click()
    await settle()
    expect(fake.callsOf('keys.copy')).toEqual([{ profileId: 'p1', tokenIds: [1, 2, 3], format: 'keys' }])
    expect((await navigator.clipboard.readText()).split('\n')).toEqual([1, 2, 3].map(fakeKeyOf))
    expect(bodyText()).toContain('3 keys copied to the clipboard.')
  })

  it('copies the names and keys of a selection, a line each, so the keys can be told apart', async () => {
    setup(tokens.map((token) => overlayToken(token, [])))
    await openMenu('Key actions for 3 tokens')
    option('Copy 3 names and keys').click()
    await settle()
    expect((await navigator.clipboard.readText()).split('\n')).toEqual(
      tokens.map((token) => `${token.name}\t${fakeKeyOf(token.id)}`),
    )
    expect(bodyText()).toContain('3 names and keys copied to the clipboard')
  })

  it('offers names and keys only for several tokens', async () => {
    setup([overlayToken(tokens[0]!, [])])
    await openMenu('Key actions for alpha')
    expect(optionTexts()).not.toContain('Copy 1 names and keys')
    expect(optionTexts()[0]).toBe('Copy key')
    expect(optionTexts()[1]).toBe('Copy connection info')
  })

  it('says how many reveals are left when the budget cannot pay for the copy', async () => {
    const fake = setup([tokens[0]!])
    fake.keyLimit.reveals = 0
    await navigator.clipboard.writeText('untouched')
    await openMenu('Key actions for alpha')
    option('Copy key').click()
    await settle()
    expect(bodyText()).toContain('The key could not be copied.')
    expect(bodyText()).toContain('These keys need 1 key reveals and 0 are left')
    expect(await navigator.clipboard.readText()).toBe('untouched')
  })

  it('closes on Escape without doing anything', async () => {
    const fake = setup([tokens[0]!])
    await openMenu('Key actions for alpha')
    expect(optionTexts()).toContain('Copy key')
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true }))
    await settle()
    expect(optionTexts()).toEqual([])
    expect(fake.callsOf('keys.copy')).toEqual([])
  })

  it('opens the key in Cherry Studio by its deep link from the page', async () => {
    const opened: string[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      opened.push(this.href)
    })
    setup([tokens[2]!])
    await openMenu('Key actions for gamma')
    expect(bodyText()).toContain('Open in')
    // Read out as the items it heads say it, the heading itself being no item to choose.
    const items = [...document.querySelectorAll('[role="menuitem"]')]
    expect(items.map((item) => item.getAttribute('aria-label') ?? item.textContent?.trim())).toContain(
      'Open in Cherry Studio',
    )
    expect(items.map((item) => item.textContent?.trim())).not.toContain('Open in')
    option('Cherry Studio').click()
    await settle()
    expect(opened).toHaveLength(1)
    const data = new URL(opened[0]!).searchParams.get('data')!
    expect(JSON.parse(atob(data))).toMatchObject({ apiKey: fakeKeyOf(3), baseUrl: 'https://gw.example.com' })
    expect(bodyText()).toContain('Opening Cherry Studio.')
  })
})
