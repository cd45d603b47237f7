import type { IncomingMessage, ServerResponse } from 'node:http'
import { CHANNEL_NAMES } from '@shared/contract/channel-names'
import { fail } from '@shared/result'
import type { ErrorCode } from '@shared/result'
import type { CoreHostApi } from '../core/core-types'
import { EVENT_SEQ_HEADER } from '@shared/contract/web-protocol'
import type { EventSequence } from './event-sequence'

// The contract over HTTP: `POST /api/call/<channel>` with `{"input": …}` answers the core's Result as JSON,
// and `GET /api/events` streams core events as numbered server-sent events. Authentication and Host/Origin checks
// happen before these run (web-server.ts); input validation is the core's job, exactly as over IPC.

export const MAX_BODY_BYTES = 1024 * 1024
const KEEP_ALIVE_MS = 15_000
const channels: ReadonlySet<string> = new Set(CHANNEL_NAMES)

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  })
  res.end(text)
}

/** Errors the host itself produces travel in the same Result shape as the core's, so the UI reads them alike. */
export function sendError(res: ServerResponse, status: number, code: ErrorCode, message: string): void {
  sendJson(res, status, fail(code, message, { httpStatus: status }))
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > MAX_BODY_BYTES) throw new BodyTooLarge()
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    // Counted while streaming too: Content-Length can be absent (chunked) or lie.
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge()
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function parseCallBody(text: string): { input: unknown } | null {
  try {
    const body: unknown = JSON.parse(text)
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return null
    return { input: (body as { input?: unknown }).input }
  } catch {
    return null
  }
}

export async function handleCall(
  core: CoreHostApi,
  events: EventSequence,
  channel: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!channels.has(channel)) return sendError(res, 404, 'not-found', `Unknown channel: ${channel}`)
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST')
    return sendError(res, 405, 'validation', 'Calls must use POST')
  }
  // Requiring JSON keeps calls out of reach of HTML forms, whose content types are fixed.
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    return sendError(res, 415, 'validation', 'Calls must send application/json')
  }
  let text: string
  try {
    text = await readBody(req)
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error
    res.setHeader('Connection', 'close')
    return sendError(res, 413, 'validation', `Request body is larger than ${MAX_BODY_BYTES} bytes`)
  }
  const body = parseCallBody(text)
  if (!body) return sendError(res, 400, 'validation', 'Request body must be a JSON object {"input": …}')
  let result: unknown
  try {
    result = await core.dispatch(channel, body.input)
  } catch {
    // dispatch promises never to throw; if it does anyway, no internal detail leaves the process.
    return sendError(res, 500, 'internal', 'The call failed inside TokenDesk')
  }
  // The events this call caused were emitted before it answered: the page waits for them first.
  res.setHeader(EVENT_SEQ_HEADER, String(events.last()))
  sendJson(res, 200, result)
}

/** Streams core events until the client goes away; open streams are tracked so close() can end them. */
export function handleEvents(
  events: EventSequence,
  req: IncomingMessage,
  res: ServerResponse,
  openStreams: Set<ServerResponse>,
): void {
  if (req.method !== 'GET') {
    res.setHeader('Allow', 'GET')
    return sendError(res, 405, 'validation', 'Events must use GET')
  }
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  })
  // An immediate message flushes the headers, so the client's fetch resolves right away; its id tells
  // the page where the numbering stands (answers name numbers, see event-sequence.ts).
  res.write(`id: ${events.last()}\n\n`)
  // Between end() (host shutting down) and 'close', a write would throw an unhandled error: skip it.
  const send = (text: string): void => {
    if (!res.writableEnded && !res.destroyed) res.write(text)
  }
  const unsubscribe = events.on((seq, event, payload) => {
    send(`id: ${seq}\nevent: ${event}\ndata: ${JSON.stringify(payload)}\n\n`)
  })
  const keepAlive = setInterval(() => send(': keep-alive\n\n'), KEEP_ALIVE_MS)
  keepAlive.unref()
  openStreams.add(res)
  res.once('close', () => {
    unsubscribe()
    clearInterval(keepAlive)
    openStreams.delete(res)
  })
}
