import { APP_HOST, APP_INDEX_URL, APP_SCHEME } from './app-scheme'

// Pure URL rules for the Electron host: which URLs are the app itself (allowed to navigate, trusted to call
// IPC) and which may be handed to the OS browser. Every decision parses with `new URL` and compares
// parsed parts; string prefixes are never compared, because `http://localhost:5173@evil.com` and
// `app://tokendesk.evil/index.html` both start with a trusted-looking prefix.

/**
 * Where the renderer is loaded from: the electron-vite dev server (`npm run dev`), or the built UI on the
 * app's own scheme (app-scheme.ts) — never file://, where every local file would count as the app.
 */
export type AppLocation =
  { kind: 'dev-server'; url: string; origin: string } | { kind: 'scheme'; url: string }

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

function parse(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}

/**
 * Decides where the renderer comes from. The dev server URL is honoured only when the caller says this is
 * an unpackaged build and only if it is plain http(s) on loopback: an environment variable must never be
 * able to point a shipped app (and its IPC trust) at a remote site.
 */
export function resolveAppLocation(options: {
  devServerUrl: string | undefined
  isPackaged: boolean
}): AppLocation {
  const dev = !options.isPackaged && options.devServerUrl ? parse(options.devServerUrl) : null
  if (
    dev &&
    (dev.protocol === 'http:' || dev.protocol === 'https:') &&
    LOOPBACK_HOSTS.has(dev.hostname) &&
    dev.username === '' &&
    dev.password === ''
  ) {
    return { kind: 'dev-server', url: dev.href, origin: dev.origin }
  }
  return { kind: 'scheme', url: APP_INDEX_URL }
}

/**
 * True when `url` is the app's own renderer: any path on the dev server's exact origin, or exactly the
 * app's document on the app's scheme and host (hash and query ignored). Node parses `app:` as a
 * non-special scheme whose origin reads "null", so the scheme and host (which holds any port) are compared
 * as parts; Chromium hands them over lower-cased, so anything else is not the window's own URL.
 */
export function isAppUrl(url: string, app: AppLocation): boolean {
  const parsed = parse(url)
  if (!parsed || parsed.username !== '' || parsed.password !== '') return false
  if (app.kind === 'dev-server') return parsed.origin === app.origin
  const expected = new URL(app.url)
  return (
    parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.pathname === expected.pathname
  )
}

/** Only plain https links without embedded credentials may leave the app for the OS browser. */
export function isSafeExternalUrl(url: string): boolean {
  const parsed = parse(url)
  return (
    parsed !== null &&
    parsed.protocol === 'https:' &&
    parsed.hostname !== '' &&
    parsed.username === '' &&
    parsed.password === ''
  )
}

/** The two properties of Electron's WebFrameMain the sender check needs (kept structural for tests). */
export interface FrameLike {
  readonly url: string
  readonly parent: unknown
}

/**
 * The sender check every IPC handler runs first (vscode's style): the frame must still exist, must be a
 * top-level frame, and must show the app's own renderer. A frame that navigated away, an iframe, or any
 * other page in the same process is refused.
 */
export function isTrustedFrame(frame: FrameLike | null | undefined, app: AppLocation): boolean {
  return frame != null && frame.parent === null && typeof frame.url === 'string' && isAppUrl(frame.url, app)
}
