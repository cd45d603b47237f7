import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { extname, join, relative } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RENDERER_CSP_HEADER } from '@shared/content-security-policy'
import { APP_INDEX_URL, APP_ORIGIN } from '../../src/main/electron/app-scheme'
import { createAppSchemeHandler, type AppSchemeRequest } from '../../src/main/electron/app-scheme-response'

// What the desktop window gets when it asks app://tokendesk for the built UI: the real out/renderer, served
// through the same function Electron's protocol.handle calls, and everything that must not get out of it.

const rendererDir = 'out/renderer'

beforeAll(() => {
  // `npm test` builds first; on its own (a fresh checkout) vitest builds here.
  if (!existsSync(join(rendererDir, 'index.html'))) {
    execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' })
  }
}, 120_000)

const serve = createAppSchemeHandler(rendererDir)
const get = (url: string, extra: Partial<AppSchemeRequest> = {}) => serve({ url, method: 'GET', ...extra })

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  )
}

const bytes = async (response: Response) => Buffer.from(await response.arrayBuffer())
// Compared as buffers: a deep equality over a 780 kB chunk takes seconds per file.
const sameBytes = (a: Buffer, b: Buffer) => expect(a.equals(b), `${a.length} vs ${b.length} bytes`).toBe(true)

// The types a browser insists on: a module script with another type is refused, so is a stylesheet.
const EXPECTED_TYPE: Record<string, RegExp> = {
  '.html': /^text\/html; charset=utf-8$/,
  '.js': /^text\/javascript; charset=utf-8$/,
  '.css': /^text\/css; charset=utf-8$/,
}

describe('app:// serves the built UI', () => {
  it('answers index.html with the header CSP, nosniff and the file as built', async () => {
    const page = await get(APP_INDEX_URL)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(EXPECTED_TYPE['.html']!)
    expect(page.headers.get('content-security-policy')).toBe(RENDERER_CSP_HEADER)
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
    sameBytes(await bytes(page), readFileSync(join(rendererDir, 'index.html')))
  })

  it('serves every file the page references, resolved as the page resolves them', async () => {
    const html = readFileSync(join(rendererDir, 'index.html'), 'utf8')
    const references = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)]
      .map((match) => match[1]!)
      .filter((reference) => !reference.startsWith('data:'))
    expect(references.length).toBeGreaterThanOrEqual(3)
    for (const reference of references) {
      const url = new URL(reference, APP_INDEX_URL).href
      const response = await get(url, { initiatorOrigin: APP_ORIGIN })
      expect(response.status, url).toBe(200)
      expect(response.headers.get('content-type'), url).toMatch(EXPECTED_TYPE[extname(reference)]!)
      sameBytes(await bytes(response), readFileSync(join(rendererDir, new URL(url).pathname)))
    }
  })

  it('serves every file of the build (the lazily loaded chunks too) with a type the browser accepts', async () => {
    const files = filesUnder(rendererDir)
    expect(files.some((file) => file.endsWith('.js') && file.includes('assets'))).toBe(true)
    for (const file of files) {
      const path = relative(rendererDir, file).split('\\').join('/')
      const response = await get(`${APP_ORIGIN}/${path}`, { initiatorOrigin: APP_ORIGIN })
      expect(response.status, path).toBe(200)
      const expected = EXPECTED_TYPE[extname(file)]
      expect(expected, `${path} is a kind of file the build did not produce before`).toBeDefined()
      expect(response.headers.get('content-type'), path).toMatch(expected!)
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      // The policy belongs on documents; scripts and styles are governed by the page's.
      expect(response.headers.has('content-security-policy')).toBe(extname(file) === '.html')
      sameBytes(await bytes(response), readFileSync(file))
    }
  })

  it('answers HEAD with the headers and no body', async () => {
    const head = await serve({ url: APP_INDEX_URL, method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-security-policy')).toBe(RENDERER_CSP_HEADER)
    expect((await bytes(head)).length).toBe(0)
  })

  it('ignores query and fragment', async () => {
    expect((await get(`${APP_INDEX_URL}?v=2#outbox`)).status).toBe(200)
  })
})

describe('app:// refuses', () => {
  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])('%s (405, GET and HEAD allowed)', async (method) => {
    const response = await serve({ url: APP_INDEX_URL, method })
    expect(response.status).toBe(405)
    expect(response.headers.get('allow')).toBe('GET, HEAD')
  })

  it.each([
    'https://evil.com',
    'null',
    'file://',
    'app://evil',
    'app://tokendesk.evil',
    'http://localhost:5173',
  ])('a request another origin started (%s) with 403', async (initiatorOrigin) => {
    const response = await get(APP_INDEX_URL, { initiatorOrigin })
    expect(response.status).toBe(403)
    expect((await bytes(response)).length).toBe(0)
  })

  it.each([
    'app://evil/index.html',
    'app://TokenDesk/index.html',
    'app://tokendesk:8080/index.html',
    'app://user@tokendesk/index.html',
    'app://tokendesk@evil/index.html',
    'file:///index.html',
    'https://tokendesk/index.html',
    'not a url',
  ])('a URL off the app origin: %s (404)', async (url) => {
    expect((await get(url)).status).toBe(404)
  })

  // Written as they might reach the handler, not as a browser would tidy them first.
  it.each([
    '/../package.json',
    '/../../package.json',
    '/%2e%2e/%2e%2e/package.json',
    '/assets/%2e%2e/%2e%2e/%2e%2e/package.json',
    '/..%2f..%2fpackage.json',
    '/assets/..%2F..%2F..%2Fmain%2Findex.js',
    '/..%5c..%5cpackage.json',
    '/..\\..\\package.json',
    '/%252e%252e/%252e%252e/package.json',
    '//etc/passwd',
    '/%2Fetc%2Fpasswd',
    '/etc/passwd',
    '/C:/Windows/win.ini',
    '/C:%5CWindows%5Cwin.ini',
    '/c%3A/Windows/win.ini',
    '/index.html%00.js',
    '/index.html%00',
    '/%00',
    '/.',
    '/%2e',
    '/.env',
    '/%E0%A4%A',
    // No fallback to the page: the app has no client-side routes, and a 404 beats HTML in a script's place.
    '/',
    '',
    '/tokens',
    '/assets/missing-chunk.js',
    '/assets',
    '/assets/',
  ])('%s (404, nothing read)', async (path) => {
    const response = await get(`${APP_ORIGIN}${path}`)
    expect(response.status).toBe(404)
    expect(response.headers.has('content-security-policy')).toBe(false)
    expect((await bytes(response)).length).toBe(0)
  })
})

describe('app:// never reaches past its folder', () => {
  // A folder shaped like a build, with things just outside it: a secret beside it, a sibling whose name
  // starts with the folder's, and links from inside to outside (a link inside to inside is fine).
  let root: string
  let dir: string
  const SECRET = 'SECRET-OUTSIDE-THE-BUILD'
  const inside = new Map<string, string>([
    ['index.html', '<!doctype html><title>t</title>'],
    ['assets/app.js', 'console.log(1)'],
    ['assets/app.css', 'body{}'],
  ])

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'tokendesk-scheme-'))
    dir = join(root, 'renderer')
    await mkdir(join(dir, 'assets'), { recursive: true })
    for (const [path, text] of inside) await writeFile(join(dir, path), text)
    await mkdir(join(root, 'outside'))
    await writeFile(join(root, 'outside', 'secret.txt'), SECRET)
    await writeFile(join(root, 'secret.js'), SECRET)
    await mkdir(join(root, 'renderer-evil'))
    await writeFile(join(root, 'renderer-evil', 'x.js'), SECRET)
    await symlink(join(root, 'outside', 'secret.txt'), join(dir, 'assets', 'leak.js'))
    await symlink(join(root, 'outside'), join(dir, 'linked'))
    await symlink(join(dir, 'assets', 'app.js'), join(dir, 'assets', 'alias.js'))
  })

  afterAll(async () => {
    await rm(root, { recursive: true, force: true })
  })

  it('refuses links that lead out of the folder, follows those that stay in it', async () => {
    const fixture = createAppSchemeHandler(dir)
    for (const path of ['/assets/leak.js', '/linked/secret.txt', '/linked']) {
      const response = await fixture({ url: `${APP_ORIGIN}${path}`, method: 'GET' })
      expect(response.status, path).toBe(404)
    }
    const alias = await fixture({ url: `${APP_ORIGIN}/assets/alias.js`, method: 'GET' })
    expect(await alias.text()).toBe(inside.get('assets/app.js'))
  })

  it('answers any path with a file of the folder or a refusal, never anything outside it', async () => {
    const fixture = createAppSchemeHandler(dir)
    const served = new Set(inside.values())
    const segment = fc.oneof(
      fc.constantFrom(
        '..',
        '.',
        '%2e%2e',
        '%2E.',
        '.%2e',
        '%2e',
        '...',
        '',
        '%2f',
        '%2F',
        '%5c',
        '%5C',
        '\\',
        '%00',
        '%252e%252e',
        '..%2f..%2f',
        '..%5c',
        'C:',
        'c%3A',
        '%3a',
        '~',
        'index.html',
        'assets',
        'app.js',
        'app.css',
        'leak.js',
        'linked',
        'outside',
        'secret.txt',
        'secret.js',
        'renderer',
        'renderer-evil',
        'x.js',
        'etc',
        'passwd',
      ),
      fc.string({ maxLength: 6 }),
      fc.string({ maxLength: 4 }).map((text) => encodeURIComponent(text)),
    )
    await fc.assert(
      fc.asyncProperty(
        fc.array(segment, { maxLength: 6 }),
        fc.boolean(),
        async (segments, leadingSlashes) => {
          const url = `${APP_ORIGIN}/${leadingSlashes ? '/' : ''}${segments.join('/')}`
          const response = await fixture({ url, method: 'GET' })
          const body = await response.text()
          expect([200, 404], url).toContain(response.status)
          expect(body, url).not.toContain(SECRET)
          if (response.status === 200) expect(served.has(body), url).toBe(true)
        },
      ),
      { numRuns: 400 },
    )
  })
})
