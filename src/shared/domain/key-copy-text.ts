// The text a "copy" puts on the clipboard, per format. Pure: main fills it with revealed keys.
// - keys: one key per line (what a bulk copy in new-api's web UI gives).
// - names: each token's name and key on a line, a tab between them: a reseller pasting several keys
//   into a spreadsheet or a message can still tell whose is whose.
// - connection: the server's address and the key, labelled in the window's language, a blank line
//   between tokens.
// - json: new-api's own "copy connection info" string, `{"_type":"newapi_channel_conn","key":…,"url":…}`
//   (its web UI's row menu), which another gateway's channel form and several clients import; one per line.

export const KEY_COPY_FORMATS = ['keys', 'names', 'connection', 'json'] as const
export type KeyCopyFormat = (typeof KEY_COPY_FORMATS)[number]

export interface KeyCopyEntry {
  /** The plaintext key, `sk-` prefixed. */
  key: string
  /** The token's name, shown above its block when several are copied as connection info. */
  name: string
}

/** The two labels of the `connection` format; the page sends them in its language. */
export interface ConnectionLabels {
  baseUrl: string
  apiKey: string
}

export const ENGLISH_CONNECTION_LABELS: ConnectionLabels = { baseUrl: 'Base URL', apiKey: 'API key' }

/** new-api's connection string: the exact field order of its web UI (`_type`, `key`, `url`). */
export function channelConnection(baseUrl: string, key: string): string {
  return JSON.stringify({ _type: 'newapi_channel_conn', key, url: baseUrl.replace(/\/+$/, '') })
}

export function keyCopyText(
  format: KeyCopyFormat,
  baseUrl: string,
  entries: readonly KeyCopyEntry[],
  labels: ConnectionLabels = ENGLISH_CONNECTION_LABELS,
): string {
  const address = baseUrl.replace(/\/+$/, '')
  switch (format) {
    case 'keys':
      return entries.map((entry) => entry.key).join('\n')
    case 'names':
      // A tab or line break in a name would split its line: a space stands in for it.
      return entries.map((entry) => `${entry.name.replace(/[\t\r\n]+/g, ' ')}\t${entry.key}`).join('\n')
    case 'json':
      return entries.map((entry) => channelConnection(address, entry.key)).join('\n')
    case 'connection':
      return entries
        .map((entry) => {
          const lines = [`${labels.baseUrl}: ${address}`, `${labels.apiKey}: ${entry.key}`]
          return entries.length > 1 ? [entry.name || '—', ...lines].join('\n') : lines.join('\n')
        })
        .join('\n\n')
  }
}
