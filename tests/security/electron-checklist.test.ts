import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { RENDERER_CSP } from '@shared/content-security-policy'

// Items of Electron's security checklist that tests/hosts does not already assert (isolation, webPreferences,
// navigation, new windows, openExternal, permissions, sender validation and <webview> are proved in
// electron-glue.test.ts; the preload's surface in preload-bundle.test.ts; what app:// answers in
// app-scheme-response.test.ts). What is left: the entry file's app-wide sandbox, rule order and custom
// scheme, and what the BUILT app loads and may load. Permissions: the one granted (notifications, for
// the app's own page only) is checked here as well.

const calls: string[] = []
const privilegedSchemes: unknown[] = []

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
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        calls.push('registerSchemesAsPrivileged')
        privilegedSchemes.push(...schemes)
      },
    },
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

  it("registers the UI's own scheme as privileged before ready, without CSP bypass, CORS or workers", () => {
    // Nothing here ever becomes ready, so a registration seen at all happened before ready — the only time
    // Chromium accepts one.
    expect(calls.filter((call) => call === 'registerSchemesAsPrivileged')).toHaveLength(1)
    expect(privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, codeCache: true } },
    ])
    expect(calls.indexOf('registerSchemesAsPrivileged')).toBeGreaterThan(
      calls.indexOf('requestSingleInstanceLock'),
    )
  })
})

const rendererDir = 'out/renderer'
const builtIndex = join(rendererDir, 'index.html')

const builtEntry = 'out/main/index.js'

beforeAll(() => {
  // `npm test` builds first; on its own after an edit of the page, its policy or the Electron host,
  // vitest rebuilds here.
  const builtAt = (file: string) => (existsSync(file) ? statSync(file).mtimeMs : 0)
  const newer = (sources: string[], built: string) =>
    sources.some((source) => statSync(source).mtimeMs > builtAt(built))
  const electronHost = readdirSync('src/main/electron').map((name) => join('src/main/electron', name))
  if (
    newer(['src/renderer/index.html', 'src/shared/content-security-policy.ts'], builtIndex) ||
    newer(electronHost, builtEntry)
  ) {
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

describe('built Electron entry (out/main/index.js)', () => {
  const entry = () => readFileSync(builtEntry, 'utf8')

  it('serves the UI on app:// through its own handler and loads the window from it', () => {
    const code = entry()
    expect(code).toMatch(/\.registerSchemesAsPrivileged\(/)
    expect(code).toMatch(/\.protocol\.handle\(/)
    expect(code).toContain('app://tokendesk/index.html')
  })

  it('never loads the UI from file:// (no loadFile, no file URL built or written)', () => {
    const code = entry()
    expect(code).not.toMatch(/\bloadFile\(/)
    expect(code).not.toMatch(/\bpathToFileURL\b/)
    expect(code).not.toMatch(/file:\/\//)
  })
})

describe('permissions (checklist item 5: handle session permission requests)', () => {
  it('grants exactly notifications, and only to the app’s own top-level page', async () => {
    const { ALLOWED_PERMISSIONS, allowsPermission } = await import('../../src/main/electron/permission-rule')
    const { resolveAppLocation } = await import('../../src/main/electron/trusted-url')
    expect([...ALLOWED_PERMISSIONS]).toEqual(['notifications'])
    const app = resolveAppLocation({ devServerUrl: undefined, isPackaged: true })
    const top = { requestingUrl: app.url, isMainFrame: true }
    expect(allowsPermission('notifications', top, app)).toBe(true)
    expect(allowsPermission('notifications', { ...top, requestingUrl: `${app.url}#/watch` }, app)).toBe(true)
    expect(allowsPermission('notifications', { ...top, isMainFrame: false }, app)).toBe(false)
    expect(
      allowsPermission('notifications', { requestingUrl: 'file:///tmp/evil.html', isMainFrame: true }, app),
    ).toBe(false)
    expect(
      allowsPermission('notifications', { requestingUrl: 'https://evil.com/', isMainFrame: true }, app),
    ).toBe(false)
    expect(allowsPermission('notifications', {}, app)).toBe(false)
    for (const other of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown'])
      expect(allowsPermission(other, top, app)).toBe(false)
  })
})
