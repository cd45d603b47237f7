import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { RENDERER_CSP_HEADER } from '@shared/content-security-policy'
import type { CoreHostApi } from '../core/core-types'
import { handleCall, handleEvents, sendError } from './api-routes'
import { sequenceEvents, type EventSequence } from './event-sequence'
import {
  createSecret,
  hasSingleHost,
  hasValidSecret,
  isAllowedHost,
  isAllowedOrigin,
  isLoopbackPeer,
  originFormPath,
} from './request-guards'
import { findStaticFile } from '../core/renderer-files'

// The browser host: a loopback-only HTTP server that serves the built renderer and carries the contract
// (calls over POST, events over SSE) to the same core the Electron host uses. Order of checks for every
// request: loopback peer → one allowed Host → origin-form target → Origin → (API only) secret → route.
// The secret travels to the page in the URL fragment, which browsers never send to servers, so it appears
// in no request line or log.

export interface WebHostOptions {
  core: CoreHostApi
  /** 0 picks a free port. */
  port?: number
  /** The built renderer (out/renderer). */
  rendererDir: string
  /** Fixed secret for tests; by default a fresh random one per launch. */
  secret?: string
}

export interface WebHost {
  /** Address to open, including the `#secret=…` fragment. */
  url: string
  /** `http://127.0.0.1:<port>`. */
  origin: string
  close(): Promise<void>
}

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': RENDERER_CSP_HEADER,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
}

const API_CALL_PREFIX = '/api/call/'

async function serveStatic(rendererDir: string, pathname: string, req: IncomingMessage, res: ServerResponse) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD')
    return sendError(res, 405, 'validation', 'Method not allowed')
  }
  const file = await findStaticFile(rendererDir, pathname)
  if (!file) return sendError(res, 404, 'not-found', 'Not found')
  res.writeHead(200, {
    'Content-Type': file.contentType,
    'Content-Length': file.body.length,
    // index.html must always be fresh (it names the hashed assets); assets are revalidated.
    'Cache-Control': file.isIndex ? 'no-store' : 'no-cache',
  })
  res.end(req.method === 'HEAD' ? undefined : file.body)
}

function createHandler(options: Required<Pick<WebHostOptions, 'core' | 'rendererDir'>>, state: HostState) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value)
    if (!isLoopbackPeer(req.socket.remoteAddress)) return sendError(res, 403, 'forbidden', 'Not a local peer')
    const host = req.headers.host
    if (!hasSingleHost(req.rawHeaders) || !isAllowedHost(host, state.port)) {
      return sendError(res, 421, 'forbidden', 'Unexpected Host header')
    }
    const pathname = originFormPath(req.url, host!)
    if (pathname === null) return sendError(res, 400, 'validation', 'Only origin-form request targets')
    if (!isAllowedOrigin(req.headers.origin, host!)) return sendError(res, 403, 'forbidden', 'Foreign origin')

    if (pathname !== '/api' && !pathname.startsWith('/api/')) {
      return serveStatic(options.rendererDir, pathname, req, res)
    }
    if (!hasValidSecret(req.headers.authorization, state.secret)) {
      return sendError(res, 401, 'forbidden', 'Missing or wrong TokenDesk web host secret')
    }
    if (pathname === '/api/events') return handleEvents(state.events, req, res, state.openStreams)
    if (pathname.startsWith(API_CALL_PREFIX)) {
      return handleCall(options.core, state.events, pathname.slice(API_CALL_PREFIX.length), req, res)
    }
    return sendError(res, 404, 'not-found', 'Unknown API path')
  }
}

interface HostState {
  port: number
  secret: string
  openStreams: Set<ServerResponse>
  events: EventSequence
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    // 127.0.0.1 only: the host must never be reachable from another machine.
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const secret = options.secret ?? createSecret()
  if (!/^[A-Za-z0-9_-]{16,}$/.test(secret)) throw new Error('The web host secret must be 16+ base64url chars')
  const state: HostState = { port: 0, secret, openStreams: new Set(), events: sequenceEvents(options.core) }
  const handler = createHandler(options, state)
  const server = createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      console.error('TokenDesk: a web host request failed', error)
      if (!res.headersSent) sendError(res, 500, 'internal', 'Internal error')
      else res.destroy()
    })
  })
  state.port = await listen(server, options.port ?? 0).catch((error: unknown) => {
    state.events.close()
    throw error
  })
  const origin = `http://127.0.0.1:${state.port}`

  return {
    url: `${origin}/#secret=${secret}`,
    origin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const stream of state.openStreams) stream.end()
        state.events.close()
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeIdleConnections()
        // A request still in flight gets a moment to finish, then its connection is cut.
        setTimeout(() => server.closeAllConnections(), 2000).unref()
      }),
  }
}
