import { describe, expect, it } from 'vitest'
import { classifyFetchFailure, classifyHttpStatus } from '../../src/main/core/gateway/classify-response'
import type { TransportError } from '../../src/main/core/gateway/transport-error'

// The desktop app sends requests with Electron's net.fetch, whose failures carry no `cause` and name
// Chromium's error in the message. They must be classified like Node's.

describe("Electron's net.fetch failures", () => {
  it.each([
    ['net::ERR_CERT_AUTHORITY_INVALID', 'tls'],
    ['net::ERR_SSL_PROTOCOL_ERROR', 'tls'],
    ['net::ERR_NAME_NOT_RESOLVED', 'offline'],
    ['net::ERR_CONNECTION_REFUSED', 'offline'],
    ['net::ERR_INTERNET_DISCONNECTED', 'offline'],
    ['net::ERR_CONNECTION_RESET', 'offline'],
    ['net::ERR_CONNECTION_TIMED_OUT', 'timeout'],
    ['net::ERR_TIMED_OUT', 'timeout'],
  ])('%s → %s', (message, code) => {
    const error = classifyFetchFailure(new Error(message))
    expect(error.code).toBe(code)
    // Timeouts explain themselves; other failures name Chromium's code so support can tell them apart.
    if (code !== 'timeout') expect(error.message).toContain(message.slice('net::'.length))
  })

  it('tells "never sent" from "may have been processed"', () => {
    const refused = classifyFetchFailure(new Error('net::ERR_CONNECTION_REFUSED')) as TransportError
    const reset = classifyFetchFailure(new Error('net::ERR_CONNECTION_RESET')) as TransportError
    expect(refused.reach).toBe('not-sent')
    expect(reset.reach).toBe('maybe-processed')
  })

  it('treats a proxy 408 as a timeout, not as the server refusing the fields', () => {
    const answer = { status: 408, body: { kind: 'empty' as const }, retryAfter: null, location: null }
    expect(classifyHttpStatus(answer, Date.now())?.code).toBe('timeout')
  })
})
