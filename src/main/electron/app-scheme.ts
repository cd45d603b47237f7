// The custom scheme the built UI is served from, in place of file:// (as VS Code serves its workbench from
// vscode-file://vscode-app). Under file:// every local file shares one origin with the app, so whatever the
// page could be talked into loading from disk would count as "the app"; on its own scheme the page's origin
// is `app://tokendesk` and that origin can reach the files of out/renderer and nothing else.
//
// Why `app://tokendesk`: the scheme only exists inside TokenDesk's own sessions (it is never registered with
// the OS, so no other program and no web page can open it), and it stays apart from any deep-link scheme
// the OS might one day hand to TokenDesk. The host part is what gives the page a real origin (a standard
// scheme's origin is scheme + host), which the IPC sender check and CSP 'self' are bound to.
// No electron import here: tests load this file in plain Node.

export const APP_SCHEME = 'app'
export const APP_HOST = 'tokendesk'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
/** The one document of the app; the window loads exactly this URL and the sender check trusts only it. */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`

/**
 * The least Electron's privileges that let the built page work (checked against what it loads: one
 * document, classic and module scripts, stylesheets and code-split chunks, all relative to the page;
 * images and fonts are `data:`). Everything not listed stays off:
 * - `bypassCSP` off: the page and every response of the scheme stay under the app's CSP.
 * - `corsEnabled` off: no other origin may read the scheme's files (the page's own module scripts and
 *   chunks are same-origin and need no CORS).
 * - `supportFetchAPI` off: the page never calls fetch() on its own files in the desktop app (its bridge
 *   is IPC), so other content gets no fetch() way in either.
 * - `allowServiceWorkers` and `stream` off: no service worker, no <video>/<audio>.
 */
export const APP_SCHEME_PRIVILEGES = {
  // Generic URL syntax: relative URLs (`./assets/…`, chunks imported relative to import.meta.url) resolve,
  // the host becomes part of a real origin, and web storage works (the language choice is kept there).
  standard: true,
  // A secure context, as file:// was: the async clipboard the page writes copied text with requires one.
  secure: true,
  // Lets V8 keep compiled code of the app's scripts between starts; grants the page nothing.
  codeCache: true,
} as const
