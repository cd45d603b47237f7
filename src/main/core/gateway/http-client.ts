import type { Pacing } from '@shared/domain/profile'
import { AppError } from '@shared/result'
import type { Logger } from '../logger'
import {
  classifyBodyFailure,
  classifyFetchFailure,
  classifyHttpStatus,
  classifyNonJson,
  parseBody,
} from './classify-response'
import { unwrapEnvelope } from './envelope'
import { stringifyExactJson } from './exact-json'
import { Pacer, type PacerListener, type PairSlots } from './pacer'
import type { PacerOptions } from './pacer-settings'
import { readBodyText } from './read-body'
import type { RequestOptions } from './request-options'
import { scrubSecret } from './scrub-secret'

// One client per server. Every request goes through the server's pacer (pacer.ts: kept under the
// server's rate limits, shared with the user's browser on the same IP; reads retried when that is safe)
// and carries both auth headers. The access token comes from main's memory (the registry reads the
// keychain once per server and run), is never logged, and is masked out of any error message that might
// echo it. Every failure ends as one classified AppError (classify-response.ts); every attempt has a
// timeout that covers the body too, so a hung server ends in `timeout`; bodies are capped while streaming
// (read-body.ts) and parsed exactly (exact-json.ts). Every outcome is reported (`onOutcome`), so what
// TokenDesk knows of a server's reachability comes from all its requests, not from one kind of call.

export interface GatewayConnection {
  baseUrl: string
  userId: number
  /** The access token; called per request (the registry answers from memory after the first read). */
  accessToken: () => Promise<string>
  /** The UI language now: servers localise their messages by Accept-Language. */
  locale: () => string
  /** The server's global request budget from the profile; null or absent = new-api's default. */
  pacing?: Pacing | null
}

export type { RequestOptions } from './request-options'

export interface HttpClientDeps {
  fetch: typeof globalThis.fetch
  now: () => number
  logger: Logger
  /** Per attempt, from sending to the last byte of the answer. Default 20 s. */
  timeoutMs?: number
  /** Largest answer read. Default 20 MiB (a 1000-token bare array from an old server is ~0.5 MiB). */
  maxBodyBytes?: number
  /** Budgets, retries and waits; see pacer.ts. Tests shrink them. */
  pacer?: PacerOptions
  /** Hears what the pacer does (a 429 pause, a learned limit). */
  pacerListener?: PacerListener
  /** Hears the outcome of every request: null = the server answered (even with a refusal). */
  onOutcome?: (error: AppError | null) => void
}

/** Sends one request of a pair; see GatewayHttpClient.together. */
export type PairedSend = (options: RequestOptions) => Promise<unknown>

const DEFAULT_TIMEOUT_MS = 20_000
const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024

export class GatewayHttpClient {
  private readonly pacer: Pacer

  constructor(
    private readonly connection: GatewayConnection,
    private readonly deps: HttpClientDeps,
  ) {
    this.pacer = new Pacer({ ...deps.pacer, global: connection.pacing ?? null }, deps.now, deps.pacerListener)
  }

  /** Applies a profile's changed request budget to this server's pacer. */
  usePacing(pacing: Pacing | null): void {
    this.pacer.usePacing(pacing)
  }

  /** The pacer, for what the UI shows and offers (pauses, "retry now", the limit kept to). */
  get pacing(): Pick<Pacer, 'pausedUntil' | 'clearPauses' | 'globalLimit' | 'budget' | 'hasSpareRoom'> {
    return this.pacer
  }

  /** The envelope's `data` (undefined when the server sent none), or a classified AppError. */
  request(options: RequestOptions): Promise<unknown> {
    return this.reported(this.pacer.run(options, () => this.send(options)))
  }

  /**
   * Up to `count` global requests admitted together and sent one right after the other, nothing else
   * queued in between (a token's fresh read and the update built from it). Neither is repeated here.
   * Slots `work` leaves unused are given back.
   */
  together<T>(count: number, work: (send: PairedSend) => Promise<T>): Promise<T> {
    return this.pacer.together(count, async (slots: PairSlots) => {
      let sent = 0
      const send: PairedSend = async (options) => {
        if (sent >= count) throw new Error('together: more requests than were admitted')
        const index = sent
        sent += 1
        try {
          return await this.reported(this.send(options))
        } catch (error) {
          slots.refused(error, index)
          throw error
        }
      }
      try {
        return await work(send)
      } finally {
        for (let left = count - sent; left > 0; left -= 1) slots.release()
      }
    })
  }

  private reported<T>(outcome: Promise<T>): Promise<T> {
    const report = this.deps.onOutcome
    if (!report) return outcome
    return outcome.then(
      (value) => {
        report(null)
        return value
      },
      (error: unknown) => {
        if (error instanceof AppError) report(error)
        throw error
      },
    )
  }

  private async send(options: RequestOptions): Promise<unknown> {
    let secret: string | null = null
    const started = this.deps.now()
    const url = new URL(this.connection.baseUrl + options.path)
    try {
      for (const [name, value] of Object.entries(options.query ?? {}))
        url.searchParams.set(name, String(value))
      const headers: Record<string, string> = {
        Accept: 'application/json',
        'Accept-Language': this.connection.locale(),
      }
      if (options.auth !== false) {
        secret = await this.connection.accessToken()
        headers.Authorization = `Bearer ${secret}`
        headers['New-Api-User'] = String(this.connection.userId)
      }
      if (options.body !== undefined) headers['Content-Type'] = 'application/json'
      const data = await this.exchange(url, options, headers)
      this.log('info', options, url, started, {})
      return data
    } catch (caught) {
      const error = scrubSecret(caught instanceof AppError ? caught : classifyFetchFailure(caught), secret)
      this.log('warn', options, url, started, { code: error.code, status: error.details?.httpStatus })
      throw error
    }
  }

  private async exchange(
    url: URL,
    options: RequestOptions,
    headers: Record<string, string>,
  ): Promise<unknown> {
    // One signal for the whole exchange: it aborts a hung connect, a server that never answers, and a
    // body that stops midway alike.
    const signal = AbortSignal.timeout(this.deps.timeoutMs ?? DEFAULT_TIMEOUT_MS)
    let response: Response
    try {
      response = await this.deps.fetch(url, {
        method: options.method,
        headers,
        body: options.body === undefined ? undefined : stringifyExactJson(options.body),
        signal,
        // Never followed: see classifyHttpStatus (the token must not travel to wherever it points).
        redirect: 'manual',
      })
    } catch (error) {
      throw classifyFetchFailure(error)
    }
    let text: string
    try {
      text = await readBodyText(response, this.deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES)
    } catch (error) {
      throw classifyBodyFailure(error)
    }
    const body = parseBody(text)
    const failure = classifyHttpStatus(
      {
        status: response.status,
        body,
        retryAfter: response.headers.get('retry-after'),
        location: response.headers.get('location'),
      },
      this.deps.now(),
    )
    if (failure) throw failure
    if (body.kind !== 'json') throw classifyNonJson(response.status, body)
    return unwrapEnvelope(body.value, response.status)
  }

  /** Method, path (never the query: a key search carries the key there), outcome and time. */
  private log(
    level: 'info' | 'warn',
    options: RequestOptions,
    url: URL,
    started: number,
    outcome: { code?: string; status?: number },
  ): void {
    const entry = { method: options.method, path: url.pathname, ms: this.deps.now() - started, ...outcome }
    if (level === 'info') this.deps.logger.info(entry, 'gateway request')
    else this.deps.logger.warn(entry, 'gateway request failed')
  }
}
