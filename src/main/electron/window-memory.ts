import { screen } from 'electron'
import type { BrowserWindow } from 'electron'
import type { JsonFile } from '../core/storage/json-file'
import { DEFAULT_WINDOW_SIZE, MINIMUM_WINDOW_SIZE } from './main-window'
import { placeWindow, type Placement, type WindowState } from './window-placement'

// The window remembers its place: read from window-state.json against today's displays when it opens,
// written when it closes (its normal bounds, so a maximised window comes back maximised over the size it
// had before). Only after the app is ready: Electron's screen module needs it.

export function restoredPlacement(file: JsonFile<WindowState | null>): Placement {
  return placeWindow({
    saved: file.value,
    workAreas: screen.getAllDisplays().map((display) => display.workArea),
    primary: screen.getPrimaryDisplay().workArea,
    defaults: DEFAULT_WINDOW_SIZE,
    minimum: MINIMUM_WINDOW_SIZE,
  })
}

export function rememberPlacement(window: BrowserWindow, file: JsonFile<WindowState | null>): void {
  window.on('close', () => {
    const state: WindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() }
    file
      .update(() => state)
      .catch((error: unknown) => console.error('TokenDesk: window place not saved', error))
  })
}
