import type { IncomingMessage, ServerResponse } from 'node:http'
import { routeApi } from './api-router'
import { CONTROL_PREFIX, routeControl } from './control-routes'
import type { Reply } from './reply'
import type { SandboxState } from './request-context'
import type { SandboxControl } from './sandbox-control'
import { SANDBOX_VERSIONS } from './sandbox-mode'

// Turns one HTTP request into a Reply and writes it. Reads the whole body first (bodies are tiny), records
// the request, then dispatches: /__sandbox/ → control surface, /api and /v1 → the new-api routes,
// anything else → the web UI's index page, which is what a real server answers for unknown paths.

const MAX_BODY_BYTES = 1024 * 1024

const INDEX_PAGE =
  '<!doctype html><title>TokenDesk Sandbox</title><p>TokenDesk Sandbox — a new-api test gateway.</p>\n'

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) reject(new Error('request body too large'))
      else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function parseJson(raw: string): unknown {
  if (raw.trim() === '') return undefined
  try {
    return JSON.parse(raw) as unknown
  } catch {
    return undefined
  }
}

function write(res: ServerResponse, reply: Reply, mode: SandboxState['mode']): void {
  const headers: Record<string, string> = { ...reply.headers }
  // Current servers stamp every response with their version (since 2026-01-30).
  if (mode === 'current') headers['x-new-api-version'] = SANDBOX_VERSIONS[mode]
  let payload = ''
  if (reply.html !== undefined) {
    headers['content-type'] = 'text/html; charset=utf-8'
    payload = reply.html
  } else if (reply.body !== undefined) {
    headers['content-type'] = 'application/json; charset=utf-8'
    payload = JSON.stringify(reply.body)
  }
  res.writeHead(reply.status, headers)
  res.end(payload)
}

export function createHandler(state: SandboxState, control: SandboxControl) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET'
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid')
    try {
      const raw = await readBody(req)
      const json = parseJson(raw)
      let reply: Reply
      if (url.pathname.startsWith(CONTROL_PREFIX)) {
        // Control calls are not recorded: they are the test talking, not the client under test.
        reply = routeControl(control, method, url.pathname, json ?? null)
      } else {
        state.log.record(method, req.url ?? '/', req.headers, raw, json)
        const isApi = /^\/(api|v1)(\/|$)/.test(url.pathname)
        reply = isApi
          ? routeApi({
              method,
              path: url.pathname,
              query: url.searchParams,
              search: url.search,
              headers: req.headers,
              raw,
              json,
              params: [],
              state,
            })
          : { status: 200, html: INDEX_PAGE }
      }
      write(res, reply, state.mode)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      write(res, { status: 500, body: { success: false, message: `sandbox error: ${message}` } }, state.mode)
    }
  }
}
