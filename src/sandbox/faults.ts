// Faults a test can queue (docs/newapi-behaviour.md §1: what users meet behind proxies and CDNs). Each one
// replaces the answer to the next matching request(s); see fault-writer.ts for what goes on the wire.

export type SandboxFault =
  /** That status with an empty body, like the rate limiter; Retry-After when given. */
  | { kind: 'status'; status: number; retryAfter?: number }
  /** A proxy's HTML error page: nginx for 500/502/503/504, Cloudflare-like otherwise (e.g. 522). */
  | { kind: 'html'; status: number }
  /** HTTP 200, JSON content type, body `{"success":tru`. */
  | { kind: 'invalid-json' }
  /** The real answer's headers with its full Content-Length, half the body, then the socket dies. */
  | { kind: 'truncated' }
  /** The socket is destroyed without any answer. */
  | { kind: 'reset' }
  /** No answer ever, until the sandbox closes. */
  | { kind: 'hang' }
  /** The real answer, `ms` late. */
  | { kind: 'slow'; ms: number }
  /** HTTP 200 with a valid success envelope padded to `bytes` bytes. */
  | { kind: 'oversized'; bytes: number }
  /** HTTP 200 with the real answer's `data` but no `success` (nor `message`). */
  | { kind: 'envelope-missing' }
  /** HTTP 200 success:true with a token whose numbers and booleans are strings. */
  | { kind: 'wrong-types' }

export type FaultKind = SandboxFault['kind']

export interface FaultOptions {
  /** How many matching requests get the fault; default 1. Infinity until clearFaults(). */
  times?: number
  /** Prefix of the request path without query, e.g. '/api/token/'. Default: any path. */
  path?: string
  /** e.g. 'PUT'; default any method. */
  method?: string
  /**
   * Whether the gateway handles the request (and its side effects happen) before the fault hides the
   * answer. Default true for 'slow', 'truncated' and 'envelope-missing', which need the real answer;
   * false for the others. `reset` with processed:true is the classic "did my PUT go through?" case.
   */
  processed?: boolean
}

export interface TakenFault {
  fault: SandboxFault
  processed: boolean
}

interface QueuedFault extends TakenFault {
  remaining: number
  path: string
  method: string | null
}

const NEEDS_REPLY: ReadonlySet<FaultKind> = new Set(['slow', 'truncated', 'envelope-missing'])

export class FaultQueue {
  private queue: QueuedFault[] = []

  add(fault: SandboxFault, options: FaultOptions = {}): void {
    const times = options.times ?? 1
    if (!(times >= 1)) throw new Error('sandbox: fault times must be at least 1')
    this.queue.push({
      fault: structuredClone(fault),
      processed: options.processed ?? NEEDS_REPLY.has(fault.kind),
      remaining: times,
      path: options.path ?? '',
      method: options.method?.toUpperCase() ?? null,
    })
  }

  /** The first queued fault matching the request, used up by one; null when none matches. */
  take(method: string, path: string): TakenFault | null {
    const index = this.queue.findIndex(
      (entry) => path.startsWith(entry.path) && (entry.method === null || entry.method === method),
    )
    const entry = this.queue[index]
    if (!entry) return null
    entry.remaining -= 1
    if (entry.remaining <= 0) this.queue.splice(index, 1)
    return { fault: entry.fault, processed: entry.processed }
  }

  /** Requests the queued faults will still answer (Infinity for open-ended ones). */
  pending(): number {
    return this.queue.reduce((sum, entry) => sum + entry.remaining, 0)
  }

  clear(): void {
    this.queue = []
  }
}
