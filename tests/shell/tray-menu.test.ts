import { describe, expect, it, vi } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import {
  trayMenuTemplate,
  trayStatus,
  trayTooltip,
  type TrayActions,
} from '../../src/main/electron/tray-menu'
import { keepsRunningWithoutWindow } from '../../src/main/electron/window-close'
import { ServerTally } from '../../src/main/electron/server-tally'
import { nativeText } from '../../src/main/electron/native-text/native-text'

// The tray and dock as data: the count of drafts not yet sent over every server, the words for it, and
// Sync Now / Open / Quit.

const en = nativeText('en-US')
const zh = nativeText('zh-CN')

describe('ServerTally', () => {
  it('adds up every server, follows each server’s changes and forgets removed servers', () => {
    const tally = new ServerTally()
    tally.seed([
      { profileId: 'a', count: 2 },
      { profileId: 'b', count: 3 },
    ])
    expect(tally.total).toBe(5)
    expect(tally.apply({ profileId: 'a', count: 0 })).toBe(true)
    expect(tally.apply({ profileId: 'b', count: 3 })).toBe(false)
    expect(tally.total).toBe(3)
    expect(tally.keepOnly(['a'])).toBe(true)
    expect(tally.total).toBe(0)
  })

  it('keeps a count an event brought over an older full answer', () => {
    const tally = new ServerTally()
    tally.apply({ profileId: 'a', count: 4 })
    tally.seed([
      { profileId: 'a', count: 1 },
      { profileId: 'b', count: 2 },
    ])
    expect(tally.total).toBe(6)
  })
})

describe('tray texts and menu', () => {
  it('says how many drafts wait, in the window’s language', () => {
    expect(trayStatus(en, 'TokenDesk', 0)).toBe('TokenDesk: every change is on its server')
    expect(trayStatus(en, 'TokenDesk', 1)).toBe('TokenDesk: 1 draft not yet sent')
    expect(trayStatus(en, 'TokenDesk', 12)).toBe('TokenDesk: 12 drafts not yet sent')
    expect(trayStatus(zh, 'TokenDesk', 12)).toBe('TokenDesk：12 个草稿尚未发送')
  })

  function menu(unsynced: number, dock = false, watched = 0) {
    const actions: TrayActions = { open: vi.fn(), openWatch: vi.fn(), syncNow: vi.fn(), quit: vi.fn() }
    const items = trayMenuTemplate({ t: en, appName: 'TokenDesk', unsynced, watched, actions, dock })
    const find = (label: string) => items.find((item) => item.label === label) as MenuItemConstructorOptions
    return { items, actions, find }
  }

  it('offers the count, Open, Sync Now and Quit, each doing what it says', () => {
    const { items, actions, find } = menu(3)
    expect(items.filter((item) => item.type !== 'separator').map((item) => item.label)).toEqual([
      'TokenDesk: 3 drafts not yet sent',
      'Open TokenDesk',
      'Sync Now',
      'Quit',
    ])
    expect(items[0]!.enabled).toBe(false)
    for (const label of ['Open TokenDesk', 'Sync Now', 'Quit']) (find(label).click as () => void)()
    expect(actions.open).toHaveBeenCalledTimes(1)
    expect(actions.syncNow).toHaveBeenCalledTimes(1)
    expect(actions.quit).toHaveBeenCalledTimes(1)
  })

  it('adds the Watch’s count as the way to it when it holds tokens, in the tray and the dock', () => {
    const { items, actions, find } = menu(0, false, 2)
    expect(items[1]!.label).toBe('2 tokens to watch')
    ;(find('2 tokens to watch').click as () => void)()
    expect(actions.openWatch).toHaveBeenCalledTimes(1)
    expect(menu(0, true, 1).items.map((item) => item.label)).toEqual([
      'TokenDesk: every change is on its server',
      '1 token to watch',
      'Sync Now',
    ])
    expect(trayTooltip(zh, 'TokenDesk', 0, 3)).toBe('TokenDesk：所有更改均已同步到服务器\n3 个令牌需要关注')
  })

  it('greys Sync Now out when nothing waits', () => {
    expect(menu(0).find('Sync Now').enabled).toBe(false)
    expect(menu(2).find('Sync Now').enabled).toBe(true)
  })

  it('leaves Open and Quit to the macOS dock, which has its own', () => {
    expect(menu(2, true).items.map((item) => item.label)).toEqual([
      'TokenDesk: 2 drafts not yet sent',
      'Sync Now',
    ])
  })

  it('keeps running without a window on macOS and Windows, not on Linux', () => {
    expect(keepsRunningWithoutWindow('darwin')).toBe(true)
    expect(keepsRunningWithoutWindow('win32')).toBe(true)
    expect(keepsRunningWithoutWindow('linux')).toBe(false)
  })
})
