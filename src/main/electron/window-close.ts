// What closing the last window does, per platform. Pure.

/**
 * Whether closing the last window leaves TokenDesk running (and sending queued drafts). macOS: yes, as its
 * apps do (the dock brings the window back). Windows: yes, in the tray, as sync apps there do. Linux: no —
 * many desktops (GNOME among them) show no tray icons, and a running app the user cannot see or reach is
 * worse than one that quits.
 */
export function keepsRunningWithoutWindow(platform: NodeJS.Platform): boolean {
  return platform === 'darwin' || platform === 'win32'
}
