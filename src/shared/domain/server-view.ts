import { NO_FILTER } from './token-filter'
import type { ServerView } from './server-view-schema'

// How the user left a server's screens: search, filters, sort, columns (hidden, widths), scroll position and the
// token editor that was open. Kept per server so switching servers, and quitting and starting again,
// comes back to the same place. Loose by design: a field the UI no longer knows is dropped, a bad
// value falls back to its default, so an old file never stops the app from opening.

export type { ServerView }

/** A server not seen before: no search, filter or sort, every column, at the top, no editor open. */
export const DEFAULT_SERVER_VIEW: ServerView = {
  query: '',
  sort: null,
  filter: NO_FILTER,
  hiddenColumns: [],
  columnWidths: {},
  scrollTop: 0,
  editor: null,
}
