// What a call asks of the HTTP client: kept apart so the client, its pacer and the retry policy share it
// without importing each other in a circle.

export interface RequestOptions {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  path: string
  query?: Record<string, string | number | boolean>
  body?: unknown
  /** `GET /api/status` needs no auth; everything else does. */
  auth?: boolean
  /**
   * Which of the server's rate limiters the call counts against besides the global one: key reveal
   * shares the small "critical" bucket, search has its own per-user bucket.
   */
  bucket?: 'global' | 'critical' | 'search'
  /**
   * A read nobody waits for (the Watch's refresh): queued behind every other request, so a request the
   * user makes meanwhile goes first.
   */
  background?: boolean
}
