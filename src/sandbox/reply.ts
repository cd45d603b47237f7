// Handlers return a Reply instead of writing to the socket: they stay small and easy to read, and one
// place (the server) turns replies into HTTP.

export interface Reply {
  status: number
  /** Serialised as JSON unless `html` is set. */
  body?: unknown
  html?: string
  headers?: Record<string, string>
}

/** new-api's success envelope. */
export function ok(data?: unknown): Reply {
  return {
    status: 200,
    body: data === undefined ? { success: true, message: '' } : { success: true, message: '', data },
  }
}

/** Business and validation failures are HTTP 200 with success:false (docs/newapi-behaviour.md §1). */
export function fail(message: string, status = 200): Reply {
  return { status, body: { success: false, message } }
}

/** What upstream's RelayNotFound sends for an unknown /api or /v1 route: an OpenAI-style error. */
export function notFound(method: string, path: string): Reply {
  return {
    status: 404,
    body: {
      error: {
        message: `Invalid URL (${method} ${path})`,
        type: 'invalid_request_error',
        param: '',
        code: '',
      },
    },
  }
}
