import { isAppUrl, type AppLocation } from './trusted-url'

// The one permission the app's page holds: `notifications`, so that a Notification made in the
// renderer becomes a native OS notification (a sync failed, a token entered the Watch). Only for the
// app's own top-level page; every other permission, and notifications for any other page or frame, stay
// denied (security.ts).

export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['notifications'])

/** What Electron says about the frame asking (a request's or a check's details). */
export interface PermissionAsker {
  requestingUrl?: string
  isMainFrame?: boolean
}

export function allowsPermission(permission: string, asker: PermissionAsker, app: AppLocation): boolean {
  return (
    ALLOWED_PERMISSIONS.has(permission) &&
    asker.isMainFrame === true &&
    typeof asker.requestingUrl === 'string' &&
    isAppUrl(asker.requestingUrl, app)
  )
}
