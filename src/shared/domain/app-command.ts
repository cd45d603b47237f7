// What the native menu asks the window to do: actions that belong to the UI (they open its editor, move
// its focus or change its section), sent as one typed event and run by the window's own commands, so a
// menu item and the command palette are the same action. Actions main can do itself (sync, open a folder,
// About, updates) never travel.

export const APP_COMMANDS = [
  'new-token',
  'search',
  'go-tokens',
  'go-outbox',
  'go-servers',
  'go-watch',
] as const

export type AppCommand = (typeof APP_COMMANDS)[number]

/** The folders TokenDesk can show in the file manager. */
export const APP_FOLDERS = ['data', 'logs'] as const

export type AppFolder = (typeof APP_FOLDERS)[number]
