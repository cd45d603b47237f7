import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { AppLocation } from '../../src/main/electron/trusted-url'

// The window's place across runs, through the thin Electron files with 'electron' replaced by recording
// stubs (the binary cannot run here): the place is written to window-state.json when the window closes
// and used when it opens again, against the displays there are then.

const electron = vi.hoisted(() => ({
  windows: [] as {
    options: Record<string, unknown>
    maximize: ReturnType<typeof vi.fn>
    show: ReturnType<typeof vi.fn>
    calls: string[]
    listeners: Map<string, () => void>
    normalBounds: { x: number; y: number; width: number; height: number }
    maximized: boolean
  }[],
  displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
}))

vi.mock('electron', () => {
  class BrowserWindow {
    options: Record<string, unknown>
    calls: string[] = []
    listeners = new Map<string, () => void>()
    normalBounds = { x: 0, y: 0, width: 0, height: 0 }
    maximized = false
    loadURL = vi.fn(async () => undefined)
    maximize = vi.fn(() => this.calls.push('maximize'))
    show = vi.fn(() => this.calls.push('show'))
    once = vi.fn((name: string, fn: () => void) => this.listeners.set(name, fn))
    on = vi.fn((name: string, fn: () => void) => this.listeners.set(name, fn))
    getNormalBounds = () => this.normalBounds
    isMaximized = () => this.maximized
    constructor(options: Record<string, unknown>) {
      this.options = options
      electron.windows.push(this)
    }
  }
  return {
    BrowserWindow,
    screen: {
      getAllDisplays: () => electron.displays,
      getPrimaryDisplay: () => electron.displays[0],
    },
  }
})

const { createMainWindow } = await import('../../src/main/electron/main-window')
const { rememberPlacement, restoredPlacement } = await import('../../src/main/electron/window-memory')
const { WINDOW_STATE_FILE, openWindowStateFile } = await import('../../src/main/electron/window-state-file')

const app: AppLocation = { kind: 'scheme', url: 'app://tokendesk/index.html' }
let dataDir = ''
afterEach(async () => {
  electron.windows.length = 0
  electron.displays = [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }]
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

async function openWindow() {
  const file = await openWindowStateFile(dataDir)
  const window = createMainWindow({ app, preloadPath: '/p.cjs', placement: restoredPlacement(file) })
  rememberPlacement(window, file)
  return { file, window: electron.windows.at(-1)! }
}

describe('the window remembers its place', () => {
  it('opens at the default size the first time, then where and as it was closed', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tokendesk-window-'))
    const first = await openWindow()
    expect(first.window.options).toMatchObject({ width: 1200, height: 800 })
    expect(first.window.options).not.toHaveProperty('x')

    first.window.normalBounds = { x: 300, y: 120, width: 1400, height: 900 }
    first.window.maximized = true
    first.window.listeners.get('close')!()
    await first.file.settled()
    expect(JSON.parse(await readFile(join(dataDir, WINDOW_STATE_FILE), 'utf8'))).toEqual({
      bounds: { x: 300, y: 120, width: 1400, height: 900 },
      maximized: true,
    })

    const second = await openWindow()
    expect(second.window.options).toMatchObject({ x: 300, y: 120, width: 1400, height: 900 })
    // Maximised before it is first shown, so it does not jump there in view.
    second.window.listeners.get('ready-to-show')!()
    expect(second.window.calls).toEqual(['maximize', 'show'])
  })

  it('comes back on the screen there is when the one it was on has gone', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tokendesk-window-'))
    electron.displays = [
      { workArea: { x: 0, y: 0, width: 1920, height: 1040 } },
      { workArea: { x: 1920, y: 0, width: 2560, height: 1400 } },
    ]
    const first = await openWindow()
    first.window.normalBounds = { x: 2200, y: 100, width: 2000, height: 1200 }
    first.window.listeners.get('close')!()
    await first.file.settled()

    electron.displays = [{ workArea: { x: 0, y: 0, width: 1366, height: 728 } }]
    const second = await openWindow()
    expect(second.window.options).toMatchObject({ width: 1200, height: 728 })
    expect(second.window.options).not.toHaveProperty('x')
  })
})
