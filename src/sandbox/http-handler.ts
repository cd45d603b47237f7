import type { IncomingMessage, ServerResponse } from 'node:http'
import { routeApi } from './api-router'
import { CONTROL_PREFIX, routeControl } from './control-routes'
import { writeFault } from './fault-writer'
import type { Reply } from './reply'
import { send, serialize } from './reply-writer'
import type { SandboxState } from './request-context'
import type { SandboxControl } from './sandbox-control'

// Turns one HTTP request into a Reply and writes it. Reads the whole body first (bodies are tiny), records
// the request, then dispatches: /__sandbox/ → control surface, /api and /v1 → the new-api routes,
// anything else → the web UI's index page, which is what a real server answers for unknown paths.
// Client requests then wait the configured latency and may meet a queued fault instead of the answer.

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

function answer(state: SandboxState, req: IncomingMessage, url: URL, raw: string, json: unknown): Reply {
  const isApi = /^\/(api|v1)(\/|$)/.test(url.pathname)
  if (!isApi) return { status: 200, html: INDEX_PAGE }
  return routeApi({
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    search: url.search,
    headers: req.headers,
    raw,
    json,
    params: [],
    clientIp: req.socket.remoteAddress ?? '127.0.0.1',
    state,
  })
}

async function handleClient(
  state: SandboxState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  raw: string,
): Promise<void> {
  const method = req.method ?? 'GET'
  const json = parseJson(raw)
  state.log.record(method, req.url ?? '/', req.headers, raw, json)
  const taken = state.faults.take(method, url.pathname)
  if (!taken) {
    const reply = answer(state, req, url, raw, json)
    await state.lifecycle.delay(state.latencyMs)
    return send(res, serialize(reply, state.mode))
  }
  // A fault in front of the gateway: the request reaches it only when the fault says so.
  const reply = taken.processed ? answer(state, req, url, raw, json) : null
  await state.lifecycle.delay(state.latencyMs)
  const delay = (ms: number) => state.lifecycle.delay(ms)
  await writeFault(taken.fault, { res, state, method, path: url.pathname, reply, delay })
}

export function createHandler(state: SandboxState, control: SandboxControl) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid')
    try {
      const raw = await readBody(req)
      // Control calls are not recorded, delayed or faulted: they are the test talking, not the client.
      if (url.pathname.startsWith(CONTROL_PREFIX)) {
        const reply = routeControl(control, req.method ?? 'GET', url.pathname, parseJson(raw) ?? null)
        return send(res, serialize(reply, state.mode))
      }
      await handleClient(state, req, res, url, raw)
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      send(
        res,
        serialize(
          { status: 500, body: { success: false, message: `sandbox error: ${message}` } },
          state.mode,
        ),
      )
    }
  }
}
