// The app's identity to the operating system. Windows shows a notification (and the tray's balloon) only
// for an app whose AppUserModelID matches the one on its Start-menu shortcut, which the installer gives
// the electron-builder `appId` — so the two must be the same string (tests/packaging holds them equal).
export const APP_ID = 'com.tokendesk.app'
