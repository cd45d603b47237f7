import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { CoreEventListener, CoreHostApi } from '../../src/main/core/core-types'
import { nativeText, type Translate } from '../../src/main/electron/native-text/native-text'

// tray.ts with 'electron' replaced by recording stubs (the binary cannot run here): the count follows the
// core's events with no window open, in the language asked for, on the tray or the dock.

const electron = vi.hoisted(() => ({
  trays: [] as {
    tooltip: string
    menu: { template: { label?: string; enabled?: boolean }[] } | null
    listeners: Map<string, () => void>
    balloons: unknown[]
    destroyed: boolean
  }[],
  badge: [] as number[],
  dockMenus: [] as { template: { label?: string }[] }[],
}))

vi.mock('electron', () => {
  class Tray {
    state = {
      tooltip: '',
      menu: null as { template: { label?: string }[] } | null,
      listeners: new Map<string, () => void>(),
      balloons: [] as unknown[],
      destroyed: false,
    }
    constructor() {
      electron.trays.push(this.state)
    }
    setToolTip(text: string) {
      this.state.tooltip = text
    }
    setContextMenu(menu: { template: { label?: string }[] }) {
      this.state.menu = menu
    }
    on(name: string, listener: () => void) {
      this.state.listeners.set(name, listener)
    }
    displayBalloon(options: unknown) {
      this.state.balloons.push(options)
    }
    destroy() {
      this.state.destroyed = true
    }
  }
  const image = { addRepresentation: vi.fn(), toPNG: () => Buffer.alloc(0) }
  return {
    Tray,
    Menu: { buildFromTemplate: (template: unknown) => ({ template }) },
    nativeImage: { createFromPath: () => image },
    app: {
      getName: () => 'TokenDesk',
      setBadgeCount: (count: number) => electron.badge.push(count),
      dock: { setMenu: (menu: { template: { label?: string }[] }) => electron.dockMenus.push(menu) },
    },
  }
})

const { installTray } = await import('../../src/main/electron/tray')

function fakeCore(
  states: { profileId: string; unsynced: number }[],
  watched: { profileId: string; count: number }[] = [],
) {
  const listeners = new Set<CoreEventListener>()
  const watchCounts = { total: watched.reduce((sum, server) => sum + server.count, 0), servers: watched }
  const core: CoreHostApi = {
    dispatch: vi.fn(async (channel: string) =>
      channel === 'servers.states'
        ? { ok: true as const, value: states }
        : channel === 'watch.counts'
          ? { ok: true as const, value: watchCounts }
          : { ok: true as const, value: null },
    ),
    onEvent: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close: async () => undefined,
  }
  const emit = (event: string, payload: unknown) => {
    for (const listener of listeners) (listener as (e: string, p: unknown) => void)(event, payload)
  }
  return { core, emit, listeners }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))
const actions = () => ({ open: vi.fn(), openWatch: vi.fn(), syncNow: vi.fn(), quit: vi.fn() })

beforeEach(() => {
  electron.trays.length = 0
  electron.badge.length = 0
  electron.dockMenus.length = 0
})

describe('tray (Windows, Linux)', () => {
  it('shows the total over every server and follows the core’s events', async () => {
    const { core, emit } = fakeCore([
      { profileId: 'a', unsynced: 2 },
      { profileId: 'b', unsynced: 1 },
    ])
    installTray({ core, isMac: false, text: () => nativeText('en-US'), actions: actions() })
    await settle()
    const tray = electron.trays[0]!
    expect(tray.tooltip).toBe('TokenDesk: 3 drafts not yet sent')
    expect(electron.badge.at(-1)).toBe(3)

    emit('servers.changed', { profileId: 'a', unsynced: 0 })
    expect(tray.tooltip).toBe('TokenDesk: 1 draft not yet sent')
    expect(tray.menu!.template[0]!.label).toBe('TokenDesk: 1 draft not yet sent')
    // Server b removed: its drafts went with it.
    emit('profiles.changed', { profiles: [{ id: 'a' }], activeId: 'a' })
    expect(tray.tooltip).toBe('TokenDesk: every change is on its server')
    expect(electron.badge.at(-1)).toBe(0)
    expect(electron.dockMenus).toEqual([])
  })

  it('speaks the language it is given when redrawn, and opens the window on a click', async () => {
    const { core } = fakeCore([{ profileId: 'a', unsynced: 4 }])
    let text: Translate = nativeText('en-US')
    const act = actions()
    const handle = installTray({ core, isMac: false, text: () => text, actions: act })
    await settle()
    text = nativeText('zh-CN')
    handle.refresh()
    const tray = electron.trays[0]!
    expect(tray.tooltip).toBe('TokenDesk：4 个草稿尚未发送')
    expect(tray.menu!.template.map((item) => item.label)).toContain('立即同步')
    tray.listeners.get('click')!()
    expect(act.open).toHaveBeenCalledTimes(1)
  })

  it('says how many tokens the Watch holds over every server, follows it, and opens the Watch from the menu', async () => {
    const { core, emit } = fakeCore(
      [{ profileId: 'a', unsynced: 1 }],
      [
        { profileId: 'a', count: 2 },
        { profileId: 'b', count: 1 },
      ],
    )
    const act = actions()
    installTray({ core, isMac: false, text: () => nativeText('en-US'), actions: act })
    await settle()
    const tray = electron.trays[0]!
    expect(tray.tooltip).toBe('TokenDesk: 1 draft not yet sent\n3 tokens to watch')
    // The badge stays the drafts' count.
    expect(electron.badge.at(-1)).toBe(1)
    const item = () => tray.menu!.template.find((entry) => entry.label?.includes('to watch'))
    expect(item()!.label).toBe('3 tokens to watch')
    ;(item() as unknown as { click: () => void }).click()
    expect(act.openWatch).toHaveBeenCalledTimes(1)

    emit('watch.changed', { profileId: 'a', entries: [] })
    expect(tray.tooltip).toBe('TokenDesk: 1 draft not yet sent\n1 token to watch')
    // Server b removed: its Watch went with it, and the line goes when nothing is watched.
    emit('profiles.changed', { profiles: [{ id: 'a' }], activeId: 'a' })
    expect(tray.tooltip).toBe('TokenDesk: 1 draft not yet sent')
    expect(item()).toBeUndefined()
  })

  it('stops following the core when destroyed', async () => {
    const { core, listeners } = fakeCore([])
    const handle = installTray({ core, isMac: false, text: () => nativeText('en-US'), actions: actions() })
    await settle()
    handle.destroy()
    expect(listeners.size).toBe(0)
    expect(electron.trays[0]!.destroyed).toBe(true)
  })
})

describe('dock (macOS)', () => {
  it('puts the count on the dock badge and menu, with no tray icon', async () => {
    const { core } = fakeCore([{ profileId: 'a', unsynced: 5 }])
    installTray({ core, isMac: true, text: () => nativeText('en-US'), actions: actions() })
    await settle()
    expect(electron.trays).toEqual([])
    expect(electron.badge.at(-1)).toBe(5)
    expect(electron.dockMenus.at(-1)!.template.map((item) => item.label)).toEqual([
      'TokenDesk: 5 drafts not yet sent',
      'Sync Now',
    ])
  })
})
