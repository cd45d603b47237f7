import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { GatewayClient } from '../src/main/core/gateway/gateway-client'
import { GatewayHttpClient } from '../src/main/core/gateway/http-client'
import { createLogger } from '../src/main/core/logger'
import { startSandbox } from '../src/sandbox/index'
import { report } from './report'

// Issue 3 item 11: how close the pacer gets to a server's limit without ever tripping it. 300 calls
// against the sandbox limited to 60 requests per 10 s (a sliding window, like new-api's) with 20 ms of
// latency; the client is told the same budget through its connection (as a profile's `pacing` does).
// All 300 are asked for at once, as a bulk operation would.
//
// pacing.rate is calls ÷ seconds from the first call to the last answer, over the limit's 6/s. A fresh
// window lets the first 57 go at once, which lifts it a little: a run long enough to make that burst
// negligible tends to 57 per 10.25 s = 0.93 of the limit (pacing-budget.ts).

const LIMIT = { requests: 60, windowSeconds: 10 }
const CALLS = 300

test('pacing against a 60 per 10 s limit', async () => {
  const sandbox = await startSandbox({ rateLimits: { global: LIMIT }, latencyMs: 20 })
  const logDir = await mkdtemp(join(tmpdir(), 'tokendesk-bench-'))
  const logger = createLogger(logDir)
  let refused = 0
  const countingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init)
    if (response.status === 429) refused += 1
    return response
  }
  try {
    const http = new GatewayHttpClient(
      {
        baseUrl: sandbox.baseUrl,
        userId: sandbox.userId,
        accessToken: async () => sandbox.accessToken,
        locale: () => 'en-US',
        pacing: LIMIT,
      },
      { fetch: countingFetch, now: Date.now, logger },
    )
    const client = new GatewayClient(http)
    const started = performance.now()
    const answers = await Promise.all(Array.from({ length: CALLS }, () => client.userSelf()))
    const seconds = (performance.now() - started) / 1000
    expect(answers).toHaveLength(CALLS)

    const limitPerSecond = LIMIT.requests / LIMIT.windowSeconds
    const rateOk = report('pacing.rate', CALLS / seconds / limitPerSecond, 'x', { op: '>=', value: 0.9 })
    const refusedOk = report('pacing.429', refused, 'count', { op: '==', value: 0 })
    expect(rateOk).toBe(true)
    expect(refusedOk).toBe(true)
  } finally {
    await sandbox.close()
    logger.flush()
    await rm(logDir, { recursive: true, force: true })
  }
})
