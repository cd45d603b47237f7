import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { RENDERER_CSP, RENDERER_CSP_HEADER } from '../../src/shared/content-security-policy'
import {
  isAppUrl,
  isSafeExternalUrl,
  isTrustedFrame,
  resolveAppLocation,
  type AppLocation,
} from '../../src/main/electron/trusted-url'

// The pure security rules of the Electron host, fed hostile input. Each of these URLs has fooled some
// Electron app that compared strings instead of parsed URLs.

const indexHtmlPath = resolve('/opt/TokenDesk/resources/app/out/renderer/index.html')
const fileApp = resolveAppLocation({ devServerUrl: undefined, isPackaged: true, indexHtmlPath })
const devApp = resolveAppLocation({
  devServerUrl: 'http://localhost:5173/',
  isPackaged: false,
  indexHtmlPath,
})
const indexUrl = pathToFileURL(indexHtmlPath).href

describe('resolveAppLocation', () => {
  it('uses the dev server only in unpackaged builds', () => {
    expect(devApp).toEqual({
      kind: 'dev-server',
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173',
    })
    const packaged = resolveAppLocation({
      devServerUrl: 'http://localhost:5173',
      isPackaged: true,
      indexHtmlPath,
    })
    expect(packaged.kind).toBe('file')
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
    expect(resolveAppLocation({ devServerUrl, isPackaged: false, indexHtmlPath }).kind).toBe('file')
  })
})

describe('isAppUrl', () => {
  it('accepts the built index.html, with routes in hash or query', () => {
    expect(isAppUrl(indexUrl, fileApp)).toBe(true)
    expect(isAppUrl(`${indexUrl}#/tokens/3`, fileApp)).toBe(true)
    expect(isAppUrl(`${indexUrl}?x=1`, fileApp)).toBe(true)
  })

  it.each([
    'file:///etc/passwd',
    `${indexUrl}/../../../../etc/passwd`,
    indexUrl.replace('/renderer/index.html', '/renderer/%2e%2e/%2e%2e/package.json'),
    indexUrl.replace('index.html', 'index.html.evil'),
    indexUrl.replace('index.html', 'other.html'),
    indexUrl.replace('file:///', 'file://evil-host/'),
    `https://evil.com${new URL(indexUrl).pathname}`,
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    '',
    'index.html',
  ])('rejects %s for the file app', (url) => {
    expect(isAppUrl(url, fileApp)).toBe(false)
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
  const app: AppLocation = fileApp
  it('trusts only the top-level frame showing the app', () => {
    expect(isTrustedFrame({ url: indexUrl, parent: null }, app)).toBe(true)
    expect(isTrustedFrame({ url: `${indexUrl}#/profiles`, parent: null }, app)).toBe(true)
  })

  it.each([
    ['a destroyed frame', null],
    ['a missing frame', undefined],
    ['an iframe of the app', { url: indexUrl, parent: { url: indexUrl } }],
    ['a navigated-away frame', { url: 'https://evil.com/', parent: null }],
    ['a look-alike file', { url: indexUrl.replace('index.html', 'index.html.evil'), parent: null }],
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
