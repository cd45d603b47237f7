import { expect, test } from 'vitest'
import type { TokenList } from '../src/shared/contract/contract'
import { startCoreHarness } from '../tests/core/core-harness'
import { report } from './report'

// How long the core takes to load a user's full token list (1000 tokens, the server's default cap:
// ten 100-token pages) from the sandbox over loopback, parse it and hand it to the UI — once with no
// added latency, once at 20 ms per answer (a nearby server), where the pages' round trips dominate:
// page 1 first, then the other nine at once.

async function loadRuns(latencyMs: number) {
  const harness = await startCoreHarness({ seedTokens: 1000, latencyMs })
  try {
    const profile = await harness.addSandboxProfile()
    await harness.value<TokenList>('tokens.list', { profileId: profile.id }) // warm: features, keychain
    const times: number[] = []
    const requests: number[] = []
    for (let run = 0; run < 5; run += 1) {
      harness.sandbox.control.clearRequests()
      const started = performance.now()
      const list = await harness.value<TokenList>('tokens.list', { profileId: profile.id })
      times.push(performance.now() - started)
      requests.push(
        harness.sandbox.control.requests().filter((r) => r.path.startsWith('/api/token/?')).length,
      )
      expect(list.tokens).toHaveLength(1000)
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
    return { time: median(times), requests: median(requests) }
  } finally {
    await harness.close()
  }
}

test('token list of 1000 tokens', async () => {
  const local = await loadRuns(0)
  expect(report('tokens.list-1000', local.time, 'ms', { op: '<=', value: 1500 })).toBe(true)
  const near = await loadRuns(20)
  report('tokens.load-1000-requests', near.requests, 'requests', { op: '<=', value: 10 })
  report('tokens.load-1000-20ms', near.time, 'ms', { op: '<=', value: 250 })
})
