import PQueue from 'p-queue'
import { AppError } from '@shared/result'
import type { Logger } from '../logger'
import { classifyFetchFailure, classifyHttpStatus } from './classify-response'
import { unwrapEnvelope } from './envelope'

// One client per server profile. Every request goes through the profile's pacer (a queue kept under the
// server's global rate limit, shared with the user's browser on the same IP) and carries both auth
// headers. The access token is fetched from the vault per request and never logged or echoed.

export interface GatewayConnection {
  baseUrl: string
  userId: number
  /** Reads the access token from the keychain; called per request so main never caches it elsewhere. */
  accessToken: () => Promise<string>
  locale: string
}

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
}

export interface HttpClientDeps {
  fetch: typeof globalThis.fetch
  now: () => number
  logger: Logger
  timeoutMs?: number
}

const MAX_BODY_BYTES = 20 * 1024 * 1024

export class GatewayHttpClient {
  // new-api's default global limit is 360 requests per 180 s per IP, shared with the user's browser.
  // 15 per 10 s (1.5/s on average) stays well under it while letting a burst, such as the pages of a
  // token list, go out at once; at most 3 requests are in flight.
  private readonly pacer = new PQueue({ concurrency: 3, intervalCap: 15, interval: 10_000 })

  constructor(
    private readonly connection: GatewayConnection,
    private readonly deps: HttpClientDeps,
  ) {}

  request(options: RequestOptions): Promise<unknown> {
    return this.pacer.add(() => this.send(options)) as Promise<unknown>
  }

  private async send(options: RequestOptions): Promise<unknown> {
    const url = new URL(this.connection.baseUrl + options.path)
    for (const [name, value] of Object.entries(options.query ?? {})) url.searchParams.set(name, String(value))
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Accept-Language': this.connection.locale,
    }
    if (options.auth !== false) {
      headers.Authorization = `Bearer ${await this.connection.accessToken()}`
      headers['New-Api-User'] = String(this.connection.userId)
    }
    if (options.body !== undefined) headers['Content-Type'] = 'application/json'

    const started = this.deps.now()
    let response: Response
    try {
      response = await this.deps.fetch(url, {
        method: options.method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(this.deps.timeoutMs ?? 20_000),
      })
    } catch (error) {
      const classified = classifyFetchFailure(error)
      this.deps.logger.warn(
        { method: options.method, path: url.pathname, code: classified.code },
        'gateway request failed',
      )
      throw classified
    }
    const body = await this.readBody(response)
    this.deps.logger.info(
      { method: options.method, path: url.pathname, status: response.status, ms: this.deps.now() - started },
      'gateway request',
    )
    const failure = classifyHttpStatus(
      response.status,
      body,
      response.headers.get('retry-after'),
      this.deps.now(),
    )
    if (failure) throw failure
    if (body === undefined)
      throw new AppError('bad-response', 'The server answered with something that is not JSON.')
    return unwrapEnvelope(body)
  }

  /** Parses JSON; an HTML error page or broken body yields undefined (classified by the caller). */
  private async readBody(response: Response): Promise<unknown> {
    let text: string
    try {
      const length = Number(response.headers.get('content-length') ?? 0)
      if (length > MAX_BODY_BYTES) throw new AppError('bad-response', 'The server answer is too large.')
      text = await response.text()
    } catch (error) {
      if (error instanceof AppError) throw error
      throw classifyFetchFailure(error)
    }
    if (text.length > MAX_BODY_BYTES) throw new AppError('bad-response', 'The server answer is too large.')
    if (text.trim() === '') return response.status >= 400 ? null : undefined
    try {
      return JSON.parse(text)
    } catch {
      return response.status >= 400 ? null : undefined
    }
  }
}
