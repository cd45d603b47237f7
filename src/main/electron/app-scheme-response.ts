import { RENDERER_CSP_HEADER } from '@shared/content-security-policy'
import { findStaticFile } from '../core/renderer-files'
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from './app-scheme'

// What the app:// scheme answers: a request in, a web Response out (the shape Electron's protocol.handle
// takes), decided in plain Node so tests run it against the real build without Electron. Files come from
// the same resolver the browser host serves out/renderer with (traversal, encoded traversal, absolute and
// drive-letter paths, NUL and symlinks leaving the folder all refused there).

/** The parts of Electron's protocol request the answer depends on. */
export interface AppSchemeRequest {
  readonly url: string
  readonly method: string
  /**
   * Who asked (Electron sets it from Chromium, the page cannot forge it): the app's own origin for its
   * subresources, absent for the window's own navigation.
   */
  readonly initiatorOrigin?: string | undefined
}

const NO_SNIFF = { 'X-Content-Type-Options': 'nosniff' }

const refuse = (status: number, headers: Record<string, string> = {}): Response =>
  new Response(null, { status, headers: { ...NO_SNIFF, ...headers } })

/** The app:// URL as the path of a file of the build, or null when it is not on the app's exact origin. */
function pathOnApp(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  // Node parses `app:` as a non-special scheme (its origin reads "null"), so the parts are compared
  // instead: exactly this host, no port, no credentials.
  const ours =
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  return ours ? parsed.pathname : null
}

export function createAppSchemeHandler(
  rendererDir: string,
): (request: AppSchemeRequest) => Promise<Response> {
  return async (request) => {
    // Only the app's own page may load its files: another origin that somehow got into a session of the
    // app (a gateway's page, a data: frame) gets nothing, not even a script to run in its own origin.
    if (request.initiatorOrigin !== undefined && request.initiatorOrigin !== APP_ORIGIN) return refuse(403)
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, { Allow: 'GET, HEAD' })
    const pathname = pathOnApp(request.url)
    if (pathname === null) return refuse(404)
    // No fallback to index.html: the app has no client-side routes (it keeps its place in its own state),
    // so a path that names no file is a mistake, and a 404 says so instead of HTML in a script's place.
    const file = await findStaticFile(rendererDir, pathname, { spaFallback: false })
    if (!file) return refuse(404)
    const headers: Record<string, string> = { ...NO_SNIFF, 'Content-Type': file.contentType }
    // Set here, not by webRequest: this answer is the whole response, so the policy (with the
    // frame-ancestors a <meta> tag cannot carry) cannot be lost between a listener and the page.
    if (file.contentType.startsWith('text/html')) headers['Content-Security-Policy'] = RENDERER_CSP_HEADER
    return new Response(request.method === 'HEAD' ? null : file.body, { status: 200, headers })
  }
}
