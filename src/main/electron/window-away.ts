import type { BrowserWindow } from 'electron'
import type { CoreApi } from '../core/core-types'

// A page that is loading, crashed or closed has no `app.command` listener: from then until the new page
// says it listens (app.takeCommand), the core keeps menu, tray and dock commands waiting for it
// (core/command-mailbox.ts) instead of sending them into nothing.

export function tellCoreWhenWindowAway(
  window: Pick<BrowserWindow, 'on'> & { webContents: Pick<BrowserWindow['webContents'], 'on'> },
  core: Pick<CoreApi, 'windowGone'>,
): void {
  window.webContents.on('did-start-loading', () => core.windowGone())
  window.webContents.on('render-process-gone', () => core.windowGone())
  window.on('closed', () => core.windowGone())
}
