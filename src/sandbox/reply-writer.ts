import type { ServerResponse } from 'node:http'
import type { Reply } from './reply'
import { SANDBOX_VERSIONS, type SandboxMode } from './sandbox-mode'
import { MODE_FEATURES } from './mode-features'

// Turns a Reply into status, headers and bytes — once, so faults can send a real answer late, cut
// short or re-wrapped exactly as the gateway would have sent it.

export interface WireReply {
  status: number
  headers: Record<string, string>
  payload: Buffer
}

export function serialize(reply: Reply, mode: SandboxMode): WireReply {
  const headers: Record<string, string> = { ...reply.headers }
  // Current servers stamp every response with their version (since 2026-01-30).
  if (MODE_FEATURES[mode].versionHeader) headers['x-new-api-version'] = SANDBOX_VERSIONS[mode]
  let text = ''
  if (reply.html !== undefined) {
    headers['content-type'] = 'text/html; charset=utf-8'
    text = reply.html
  } else if (reply.body !== undefined) {
    headers['content-type'] = 'application/json; charset=utf-8'
    text = JSON.stringify(reply.body)
  }
  return { status: reply.status, headers, payload: Buffer.from(text, 'utf8') }
}

export function send(res: ServerResponse, wire: WireReply): void {
  if (res.destroyed || res.headersSent) return
  res.writeHead(wire.status, { ...wire.headers, 'content-length': String(wire.payload.length) })
  res.end(wire.payload)
}
