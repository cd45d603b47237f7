import type { ServerResponse } from 'node:http'
import { errorPage } from './fault-pages'
import type { SandboxFault } from './faults'
import type { Reply } from './reply'
import { send, serialize, type WireReply } from './reply-writer'
import type { SandboxState } from './request-context'
import { publicToken } from './stored-token'

// Puts a fault on the wire (see faults.ts for the catalogue). `reply` is the gateway's real answer when
// the request was processed, else null. Nothing here touches the token store.

const CHUNK_BYTES = 64 * 1024

function bare(status: number, headers: Record<string, string>, text: string): WireReply {
  return { status, headers, payload: Buffer.from(text, 'utf8') }
}

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' }

/** A token as a careless fork might serialise it: numbers and booleans as strings, ids too. */
function wrongTypes(state: SandboxState, method: string, path: string): unknown {
  const row = state.store.ownedBy(state.user.id)[0]
  const token: Record<string, unknown> = row ? publicToken(row, state.features) : { id: 1, name: 'x' }
  for (const field of ['id', 'status', 'remain_quota', 'used_quota', 'expired_time', 'unlimited_quota']) {
    token[field] = String(token[field] ?? '')
  }
  const isList = method === 'GET' && /^\/api\/token\/(search)?$/.test(path)
  if (!isList) return token
  return state.features.pagedLists ? { page: '1', page_size: 10, total: '1', items: [token] } : [token]
}

function dataOf(reply: Reply | null): unknown {
  const body = reply?.body as { data?: unknown } | undefined
  return body && typeof body === 'object' && 'data' in body ? body.data : null
}

/** Streams a valid, huge success envelope; stops early when the client goes away. */
function sendOversized(res: ServerResponse, bytes: number): void {
  const head = Buffer.from('{"success":true,"message":"","data":{"items":[],"padding":"')
  const tail = Buffer.from('"}}')
  let padding = Math.max(0, bytes - head.length - tail.length)
  res.writeHead(200, { ...JSON_TYPE, 'content-length': String(head.length + padding + tail.length) })
  res.write(head)
  const chunk = Buffer.alloc(CHUNK_BYTES, 'x')
  const pump = () => {
    while (padding > 0 && !res.destroyed) {
      const part = chunk.subarray(0, Math.min(CHUNK_BYTES, padding))
      padding -= part.length
      if (!res.write(part)) return void res.once('drain', pump)
    }
    if (!res.destroyed) res.end(tail)
  }
  pump()
}

function sendTruncated(res: ServerResponse, wire: WireReply): void {
  // Declare the full length (at least 2 so even an empty answer is cut), send half, then kill the socket.
  const declared = Math.max(wire.payload.length, 2)
  res.writeHead(wire.status, { ...wire.headers, 'content-length': String(declared) })
  res.write(wire.payload.subarray(0, Math.floor(wire.payload.length / 2)), () => res.socket?.destroy())
}

export interface FaultTarget {
  res: ServerResponse
  state: SandboxState
  method: string
  path: string
  reply: Reply | null
  /** Waits `ms`, or forever once the sandbox is closing. */
  delay: (ms: number) => Promise<void>
}

export async function writeFault(fault: SandboxFault, target: FaultTarget): Promise<void> {
  const { res, state, reply } = target
  const real = () => serialize(reply ?? { status: 200, body: { success: true, message: '' } }, state.mode)
  switch (fault.kind) {
    case 'status': {
      const headers: Record<string, string> =
        fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) }
      return send(res, bare(fault.status, headers, ''))
    }
    case 'html': {
      const page = errorPage(fault.status)
      return send(res, bare(fault.status, { ...page.headers, 'content-type': 'text/html' }, page.html))
    }
    case 'invalid-json':
      return send(res, bare(200, JSON_TYPE, '{"success":tru'))
    case 'truncated':
      return sendTruncated(res, real())
    case 'reset':
      res.socket?.destroy()
      return
    case 'hang':
      return // the sandbox destroys the socket when it closes
    case 'slow':
      await target.delay(fault.ms)
      return send(res, real())
    case 'oversized':
      return sendOversized(res, fault.bytes)
    case 'envelope-missing':
      return send(res, bare(200, JSON_TYPE, JSON.stringify({ data: dataOf(reply) })))
    case 'wrong-types': {
      const data = wrongTypes(state, target.method, target.path)
      return send(res, bare(200, JSON_TYPE, JSON.stringify({ success: true, message: '', data })))
    }
  }
}
