import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { RENDERER_CSP } from '@shared/content-security-policy'

// Items of Electron's security checklist that tests/hosts does not already assert (isolation, webPreferences,
// navigation, new windows, openExternal, permissions, sender validation and <webview> are proved in
// electron-glue.test.ts; the preload's surface in preload-bundle.test.ts). What is left: the entry file's
// app-wide sandbox and rule order, and what the BUILT renderer may load. The custom privileged scheme does
// not exist yet (the app loads file://), so it has no item here.

const calls: string[] = []

vi.mock('electron', () => {
  const record =
    (name: string, answer?: unknown) =>
    (...args: unknown[]) => {
      calls.push(typeof args[0] === 'string' ? `${name}:${args[0]}` : name)
      return answer
    }
  class BrowserWindow {
    static getAllWindows = () => []
    constructor() {
      calls.push('new BrowserWindow')
    }
  }
  return {
    app: {
      isPackaged: true,
      requestSingleInstanceLock: record('requestSingleInstanceLock', true),
      enableSandbox: record('enableSandbox'),
      on: record('app.on'),
      quit: record('quit'),
      // Never ready: the test looks at what the entry does before Electron is ready, when no window can
      // exist yet. Everything that runs at ready (core, IPC, the window) waits behind this promise.
      whenReady: () => new Promise(() => undefined),
      setPath: record('setPath'),
    },
    BrowserWindow,
    dialog: { showErrorBox: record('showErrorBox') },
    net: { fetch: record('net.fetch') },
    ipcMain: { handle: record('ipcMain.handle') },
    session: {},
    shell: { openExternal: record('openExternal') },
    clipboard: { writeText: record('writeText') },
    powerMonitor: { on: record('powerMonitor.on') },
    Menu: {
      buildFromTemplate: record('buildFromTemplate'),
      setApplicationMenu: record('setApplicationMenu'),
    },
  }
})

describe('Electron entry (src/main/electron/index.ts)', () => {
  it('sandboxes every renderer app-wide and installs the security rules before any window can exist', async () => {
    await import('../../src/main/electron/index')
    const sandboxAt = calls.indexOf('enableSandbox')
    const rulesAt = calls.indexOf('app.on:web-contents-created')
    expect(sandboxAt).toBeGreaterThan(calls.indexOf('requestSingleInstanceLock'))
    expect(rulesAt).toBeGreaterThan(sandboxAt)
    expect(calls).not.toContain('new BrowserWindow')
    expect(calls).not.toContain('ipcMain.handle')
  })
})

const rendererDir = 'out/renderer'
const builtIndex = join(rendererDir, 'index.html')

beforeAll(() => {
  // `npm test` builds first; on its own after an edit of the page or its policy, vitest rebuilds here.
  const sources = ['src/renderer/index.html', 'src/shared/content-security-policy.ts']
  const builtAt = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0
  if (sources.some((source) => statSync(source).mtimeMs > builtAt)) {
    execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' })
  }
}, 120_000)

const directivesOf = (policy: string) =>
  policy
    .split(';')
    .map((directive) => directive.trim().split(/\s+/))
    .filter((parts) => parts[0])

describe('built renderer (out/renderer)', () => {
  it('carries the shared Content Security Policy in its <meta> tag', () => {
    const html = readFileSync(builtIndex, 'utf8')
    const metas = [...html.matchAll(/http-equiv="Content-Security-Policy"\s+content="([^"]*)"/gi)]
    expect(metas).toHaveLength(1)
    expect(directivesOf(metas[0]![1]!)).toEqual(directivesOf(RENDERER_CSP))
  })

  it('loads no remote content: the policy names no host and every page resource is local', () => {
    // Only keywords and the local schemes Naive UI needs for inline images and fonts; no host, no scheme
    // wildcard, so nothing can be fetched from the network even if a remote URL slipped into the page.
    for (const [, ...sources] of directivesOf(RENDERER_CSP)) {
      for (const source of sources) expect(source).toMatch(/^('self'|'none'|'unsafe-inline'|data:)$/)
    }
    const html = readFileSync(builtIndex, 'utf8')
    const references = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((match) => match[1]!)
    expect(references.length).toBeGreaterThan(0)
    for (const reference of references) expect(reference).toMatch(/^(\.\/(?!\/)|data:)/)

    // Stylesheets are where a remote font or image would hide (`@import url(https://…)`).
    const assets = readdirSync(join(rendererDir, 'assets')).filter((name) => name.endsWith('.css'))
    expect(assets.length).toBeGreaterThan(0)
    for (const name of assets) {
      const css = readFileSync(join(rendererDir, 'assets', name), 'utf8')
      expect(css).not.toMatch(/@import\s/)
      expect(css).not.toMatch(/url\(\s*["']?(?!data:)(?:[a-z][a-z0-9+.-]*:|\/\/)/i)
    }
  })
})
