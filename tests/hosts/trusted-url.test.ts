import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { RENDERER_CSP, RENDERER_CSP_HEADER } from '../../src/shared/content-security-policy'
import {
  isAppUrl,
  isSafeExternalUrl,
  isTrustedFrame,
  resolveAppLocation,
  type AppLocation,
} from '../../src/main/electron/trusted-url'
import { APP_INDEX_URL } from '../../src/main/electron/app-scheme'

// The pure security rules of the Electron host, fed hostile input. Each of these URLs has fooled some
// Electron app that compared strings instead of parsed URLs.

const builtApp = resolveAppLocation({ devServerUrl: undefined, isPackaged: true })
const devApp = resolveAppLocation({ devServerUrl: 'http://localhost:5173/', isPackaged: false })
const indexUrl = 'app://tokendesk/index.html'

describe('resolveAppLocation', () => {
  it('loads the built UI from app://tokendesk/index.html, never from a file', () => {
    expect(builtApp).toEqual({ kind: 'scheme', url: indexUrl })
    expect(APP_INDEX_URL).toBe(indexUrl)
  })

  it('uses the dev server only in unpackaged builds', () => {
    expect(devApp).toEqual({
      kind: 'dev-server',
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
    })
    const packaged = resolveAppLocation({ devServerUrl: 'http://localhost:5173', isPackaged: true })
    expect(packaged.kind).toBe('scheme')
  })

  it.each([
    'https://evil.com/',
    'http://evil.com:5173/',
    'http://localhost.evil.com:5173/',
    'http://user:pw@localhost:5173/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'not a url',
  ])('ignores a non-loopback or odd dev server URL: %s', (devServerUrl) => {
    expect(resolveAppLocation({ devServerUrl, isPackaged: false }).kind).toBe('scheme')
  })
})

describe('isAppUrl', () => {
  it('accepts the app document on its scheme, with state in hash or query', () => {
    expect(isAppUrl(indexUrl, builtApp)).toBe(true)
    expect(isAppUrl(`${indexUrl}#/tokens/3`, builtApp)).toBe(true)
    expect(isAppUrl(`${indexUrl}?x=1`, builtApp)).toBe(true)
    // The same URL as the parser writes it back: dot segments resolved, scheme lower-cased.
    expect(isAppUrl('app://tokendesk/assets/../index.html', builtApp)).toBe(true)
    expect(isAppUrl('APP://tokendesk/index.html', builtApp)).toBe(true)
  })

  it.each([
    // Other hosts and look-alike hosts on the same scheme.
    'app://evil/index.html',
    'app://tokendesk.evil.com/index.html',
    'app://evil.tokendesk/index.html',
    'app://tokendesk./index.html',
    'app://TokenDesk/index.html',
    'app://tokendesk:80/index.html',
    'app://tokendesk:0/index.html',
    'app:tokendesk/index.html',
    'app:/tokendesk/index.html',
    // Credentials that make another host look like the app, or the app look like the host.
    'app://tokendesk@evil/index.html',
    'app://evil@tokendesk/index.html',
    'app://user:pw@tokendesk/index.html',
    // The right host, but not the app's document.
    'app://tokendesk/',
    'app://tokendesk',
    'app://tokendesk/index.html.evil',
    'app://tokendesk/index.html/',
    'app://tokendesk/other.html',
    'app://tokendesk/assets/index.html',
    'app://tokendesk//index.html',
    'app://tokendesk/%69ndex.html',
    'app://tokendesk/index.html%00',
    // The same path on other schemes, file:// above all (the app's former home).
    'file:///opt/TokenDesk/resources/app/out/renderer/index.html',
    'file://tokendesk/index.html',
    'file:///etc/passwd',
    'https://tokendesk/index.html',
    'http://tokendesk/index.html',
    'tokendesk://app/index.html',
    'app-tokendesk://tokendesk/index.html',
    'https://evil.com/?app://tokendesk/index.html',
    'javascript:alert(1)//app://tokendesk/index.html',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    '',
    'index.html',
    '/index.html',
  ])('rejects %s for the built app', (url) => {
    expect(isAppUrl(url, builtApp)).toBe(false)
  })

  it('never trusts the app scheme while the dev server is the app', () => {
    expect(isAppUrl(indexUrl, devApp)).toBe(false)
    expect(isAppUrl('http://localhost:5173/', builtApp)).toBe(false)
  })

  it('accepts any path on the exact dev server origin', () => {
    expect(isAppUrl('http://localhost:5173/', devApp)).toBe(true)
    expect(isAppUrl('http://localhost:5173/src/main.ts?t=1#x', devApp)).toBe(true)
  })

  it.each([
    'http://localhost:5173@evil.com/',
    'http://localhost:5173.evil.com/',
    'http://localhost:51730/',
    'http://localhost:517/',
    'https://localhost:5173/',
    'http://127.0.0.1:5173/',
    'http://evil.com@localhost:5173/',
    'https://evil.com@app',
    'http://evil.com/?http://localhost:5173/',
    'ws://localhost:5173/',
    'file:///etc/passwd',
    'javascript:alert(1)//http://localhost:5173/',
  ])('rejects %s for the dev server app', (url) => {
    expect(isAppUrl(url, devApp)).toBe(false)
  })
})

describe('isSafeExternalUrl', () => {
  it.each(['https://github.com/QuantumNous/new-api', 'https://example.com:8443/a?b=c#d'])(
    'allows %s',
    (url) => expect(isSafeExternalUrl(url)).toBe(true),
  )

  it.each([
    'http://example.com/',
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    'file:///etc/passwd',
    'file://evil-host/share/payload.exe',
    'smb://evil-host/share',
    'ms-msdt:/id PCWDiagnostic',
    'vbscript:msgbox(1)',
    'data:text/html,hi',
    'https://evil.com@app',
    'https://user:pass@example.com/',
    'https://',
    '//evil.com',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false)
  })
})

describe('isTrustedFrame', () => {
  const app: AppLocation = builtApp
  it('trusts only the top-level frame showing the app', () => {
    expect(isTrustedFrame({ url: indexUrl, parent: null }, app)).toBe(true)
    expect(isTrustedFrame({ url: `${indexUrl}#/profiles`, parent: null }, app)).toBe(true)
  })

  it.each([
    ['a destroyed frame', null],
    ['a missing frame', undefined],
    ['an iframe of the app', { url: indexUrl, parent: { url: indexUrl } }],
    ['a navigated-away frame', { url: 'https://evil.com/', parent: null }],
    ['a look-alike document', { url: indexUrl.replace('index.html', 'index.html.evil'), parent: null }],
    ['another host on the scheme', { url: 'app://evil/index.html', parent: null }],
    ['the old file:// page', { url: 'file:///opt/TokenDesk/out/renderer/index.html', parent: null }],
    ['a data: frame', { url: 'data:text/html,x', parent: null }],
    ['a frame without url', { url: undefined as unknown as string, parent: null }],
  ])('refuses %s', (_label, frame) => {
    expect(isTrustedFrame(frame, app)).toBe(false)
  })

  it('in dev trusts the dev origin only', () => {
    expect(isTrustedFrame({ url: 'http://localhost:5173/', parent: null }, devApp)).toBe(true)
    expect(isTrustedFrame({ url: 'http://localhost:5173@evil.com/', parent: null }, devApp)).toBe(false)
  })
})

describe('content security policy', () => {
  const directives = (policy: string) =>
    policy
      .split(';')
      .map((part) => part.trim().replace(/\s+/g, ' '))
      .filter(Boolean)

  it('header = meta policy + frame-ancestors none, and no script loophole', () => {
    expect(directives(RENDERER_CSP_HEADER)).toEqual([...directives(RENDERER_CSP), "frame-ancestors 'none'"])
    expect(RENDERER_CSP).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/)
    expect(RENDERER_CSP).toMatch(/object-src 'none'/)
  })

  it.skipIf(!existsSync('src/renderer/index.html'))(
    'matches the <meta> policy of src/renderer/index.html',
    () => {
      const html = readFileSync('src/renderer/index.html', 'utf8')
      const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html)
      expect(meta?.[1]).toBeDefined()
      expect(directives(meta![1]!)).toEqual(directives(RENDERER_CSP))
    },
  )
})
