import type { SandboxGateway } from '../../src/sandbox'

// A minimal HTTP client for the sandbox tests: real requests through global fetch, with the headers a
// well-behaved client sends (Authorization: Bearer + New-Api-User) unless a test overrides them.

export interface CallOptions {
  body?: unknown
  /** Replaces the default auth headers entirely when given. */
  headers?: Record<string, string>
  /** Send the body text as is instead of JSON-encoding it. */
  rawBody?: string
}

export interface CallResult {
  status: number
  headers: Headers
  text: string
  json: Record<string, unknown> & { success?: boolean; message?: string; data?: unknown }
}

export function authHeaders(sandbox: SandboxGateway): Record<string, string> {
  return { authorization: `Bearer ${sandbox.accessToken}`, 'new-api-user': String(sandbox.userId) }
}

export async function call(
  sandbox: SandboxGateway,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { ...(options.headers ?? authHeaders(sandbox)) }
  let body: string | undefined
  if (options.rawBody !== undefined) body = options.rawBody
  else if (options.body !== undefined) body = JSON.stringify(options.body)
  if (body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(sandbox.baseUrl + path, { method, headers, body, redirect: 'manual' })
  const text = await response.text()
  let json: CallResult['json'] = {}
  try {
    json = JSON.parse(text) as CallResult['json']
  } catch {
    // Not JSON (redirect or index page): tests look at `text`.
  }
  return { status: response.status, headers: response.headers, text, json }
}

export interface TokenPage {
  page: number
  page_size: number
  total: number
  items: Array<Record<string, unknown> & { id: number; key: string }>
}

/** A raw authenticated GET, for tests that look at exactly what the wire carries (faults, headers). */
export const rawGet = (sandbox: SandboxGateway, path: string, init: RequestInit = {}): Promise<Response> =>
  fetch(sandbox.baseUrl + path, { headers: authHeaders(sandbox), ...init })

/** A raw authenticated full update (`PUT /api/token/`). */
export const rawPut = (sandbox: SandboxGateway, body: unknown): Promise<Response> =>
  fetch(`${sandbox.baseUrl}/api/token/`, {
    method: 'PUT',
    headers: { ...authHeaders(sandbox), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
