import { join } from 'node:path'
import { z } from 'zod'
import { JsonFile, type JsonDocument } from '../core/storage/json-file'
import type { WindowState } from './window-placement'

// The window's last place and size, kept in the data folder (window-state.json) through the same atomic,
// durable write every data file uses. Nothing here is worth telling the user about: a damaged file
// simply means the window opens at its default place.

const rect = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive().max(100_000),
  height: z.number().int().positive().max(100_000),
})
const windowStateSchema = z.object({ bounds: rect, maximized: z.boolean() }).nullable()

const windowStateDocument: JsonDocument<WindowState | null> = {
  schema: windowStateSchema,
  empty: () => null,
}

export const WINDOW_STATE_FILE = 'window-state.json'

export function openWindowStateFile(dataDir: string): Promise<JsonFile<WindowState | null>> {
  return JsonFile.open(join(dataDir, WINDOW_STATE_FILE), windowStateDocument, {
    root: dataDir,
    now: Date.now,
    report: () => undefined,
  })
}
