import { app, session, shell } from 'electron'
import type { Event, Session, WebContents } from 'electron'
import { RENDERER_CSP_HEADER } from '@shared/content-security-policy'
import { allowsPermission } from './permission-rule'
import { isAppUrl, isSafeExternalUrl } from './trusted-url'
import type { AppLocation } from './trusted-url'

// Security rules applied to every webContents the app ever creates (not just the main window), so a
// window or frame that slips past one rule still meets the others: no navigation away from the app, no
// new windows, no <webview>, no permissions but notifications for the app's own page, and a CSP header
// on the dev server's pages.

/** Denies every new window; an https link is handed to the OS browser instead. */
export function handleWindowOpen(details: { url: string }): { action: 'deny' } {
  if (isSafeExternalUrl(details.url)) {
    // Pass the re-serialized URL, not the raw string the page supplied.
    shell.openExternal(new URL(details.url).href).catch((error: unknown) => {
      console.error('TokenDesk: could not open an external link', error)
    })
  }
  return { action: 'deny' }
}

export function guardWebContents(contents: WebContents, location: AppLocation): void {
  const blockUnlessApp = (event: Event<{ url: string }>): void => {
    if (!isAppUrl(event.url, location)) event.preventDefault()
  }
  contents.on('will-navigate', blockUnlessApp)
  contents.on('will-frame-navigate', blockUnlessApp)
  contents.on('will-redirect', blockUnlessApp)
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(handleWindowOpen)
}

const hardenedSessions = new WeakSet<Session>()

export function hardenSession(target: Session, location: AppLocation): void {
  if (hardenedSessions.has(target)) return
  hardenedSessions.add(target)
  // The app needs no camera, clipboard-read, geolocation…: every request and check fails, except
  // notifications asked by the app's own top-level page (permission-rule.ts).
  target.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(allowsPermission(permission, details, location)),
  )
  target.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    allowsPermission(permission, details, location),
  )
  target.setDevicePermissionHandler(() => false)
  // The built UI gets its CSP header from the app:// handler itself (app-scheme-response.ts). Only the dev
  // server's pages need one added here: the CSP (with frame-ancestors) goes on the app's own documents;
  // other responses — such as gateway calls made with net.fetch through this session — are left untouched.
  if (location.kind !== 'dev-server') return
  target.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url, location)) return callback({})
    const responseHeaders = { ...details.responseHeaders }
    for (const name of Object.keys(responseHeaders)) {
      if (name.toLowerCase() === 'content-security-policy') delete responseHeaders[name]
    }
    callback({ responseHeaders: { ...responseHeaders, 'Content-Security-Policy': [RENDERER_CSP_HEADER] } })
  })
}

/** Installs the rules; call once, before any window is created (the default session is hardened at ready). */
export function installSecurity(location: AppLocation): void {
  app.on('web-contents-created', (_event, contents) => {
    hardenSession(contents.session, location)
    guardWebContents(contents, location)
  })
  void app.whenReady().then(() => hardenSession(session.defaultSession, location))
}
