// The server-sent events wire format, as the browser host's event stream speaks it.

/**
 * Feeds text chunks of an SSE stream and calls `emit` for each complete `event:`/`data:` message, then
 * `seen` with the message's `id:` when it has one (also for a message with an id and no data).
 */
export function createSseParser(
  emit: (event: string, data: string) => void,
  seen: (id: string) => void = () => undefined,
): (chunk: string) => void {
  let buffer = ''
  let event = ''
  let id: string | null = null
  let data: string[] = []
  return (chunk) => {
    buffer += chunk
    // A trailing CR may be the first half of a CRLF split across chunks: keep it for the next chunk.
    const cut = buffer.endsWith('\r') ? buffer.length - 1 : buffer.length
    const lines = buffer.slice(0, cut).split(/\r\n|\r|\n/)
    buffer = (lines.pop() ?? '') + buffer.slice(cut)
    for (const line of lines) {
      if (line === '') {
        if (data.length > 0) emit(event || 'message', data.join('\n'))
        if (id !== null) seen(id)
        event = ''
        id = null
        data = []
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':')
        const field = colon === -1 ? line : line.slice(0, colon)
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '')
        if (field === 'event') event = value
        else if (field === 'data') data.push(value)
        else if (field === 'id') id = value
      }
    }
  }
}
