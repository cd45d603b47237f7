import { protocol } from 'electron'
import type { Session } from 'electron'
import { APP_SCHEME, APP_SCHEME_PRIVILEGES } from './app-scheme'
import { createAppSchemeHandler } from './app-scheme-response'

// Electron glue for the app:// scheme; what it answers is decided in app-scheme-response.ts.

/**
 * Tells Chromium the scheme's privileges. Only possible before the app is ready (Chromium reads the list
 * once, at start-up), so the entry calls it at load time, before anything waits for ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }])
}

/**
 * Serves out/renderer on the scheme in `target`, the session the window uses (a handler belongs to one
 * session; the window runs in the default one). Call after ready and before the window loads.
 */
export function serveAppScheme(target: Session, rendererDir: string): void {
  const answer = createAppSchemeHandler(rendererDir)
  // initiatorOrigin is set by Electron on the request it passes in but is not in the web Request type.
  target.protocol.handle(APP_SCHEME, (request) =>
    answer({
      url: request.url,
      method: request.method,
      initiatorOrigin: (request as { initiatorOrigin?: string }).initiatorOrigin,
    }),
  )
}
