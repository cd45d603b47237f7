import type { IncomingHttpHeaders } from 'node:http'

// Every request the sandbox answers, so tests can assert what a client really sent (headers included:
// this is a loopback test server, so recording the access token is intended).

export interface RecordedRequest {
  method: string
  /** Path with query string, as received. */
  path: string
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>
  /** Parsed JSON, else the raw text, else null when there was no body. */
  body: unknown
  /** Epoch milliseconds. */
  at: number
}

export class RequestLog {
  private entries: RecordedRequest[] = []

  record(method: string, path: string, headers: IncomingHttpHeaders, raw: string, json: unknown): void {
    const flat: Record<string, string> = {}
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
    }
    const body = raw === '' ? null : json === undefined ? raw : json
    this.entries.push({ method, path, headers: flat, body, at: Date.now() })
  }

  all(): RecordedRequest[] {
    return structuredClone(this.entries)
  }

  clear(): void {
    this.entries = []
  }
}
