import { ipcMain } from 'electron'
import type { IpcMainInvokeEvent, WebContents } from 'electron'
import { CHANNEL_NAMES, EVENT_CHANNEL_PREFIX } from '@shared/contract/channel-names'
import { fail } from '@shared/result'
import type { CoreHostApi } from '../core/core-types'
import { isAppUrl, isTrustedFrame } from './trusted-url'
import type { AppLocation } from './trusted-url'

// Binds the contract to Electron IPC: one `ipcMain.handle` per contract channel (never a catch-all), each
// checking the sender frame before the core sees the input. The core parses the input with the channel's
// zod schema; this file adds only the Electron-specific trust decision.

const forbidden = () => fail('forbidden', 'This IPC sender is not the TokenDesk window')

/** Registers a handler for every contract channel; returns a function that removes them again. */
export function bindIpc(core: CoreHostApi, app: AppLocation): () => void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, input: unknown) =>
      isTrustedFrame(event.senderFrame, app) ? core.dispatch(channel, input) : forbidden(),
    )
  }
  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel)
  }
}

/**
 * Forwards core events to one window on `event:<name>`. Events go only to a page that is still the app
 * (never to whatever a frame navigated to), and the subscription ends when the window's contents die.
 */
export function forwardEvents(core: CoreHostApi, contents: WebContents, app: AppLocation): () => void {
  const unsubscribe = core.onEvent((event, payload) => {
    if (contents.isDestroyed() || !isAppUrl(contents.getURL(), app)) return
    contents.send(EVENT_CHANNEL_PREFIX + event, payload)
  })
  contents.once('destroyed', unsubscribe)
  return unsubscribe
}
