import { expect, test } from 'vitest'
import type { TokenList } from '../src/shared/contract/contract'
import { startCoreHarness } from '../tests/core/core-harness'
import { report } from './report'

// How long the core takes to load a user's full token list (1000 tokens, the server's default cap:
// ten 100-token pages) from the sandbox over loopback, parse and hand it to the UI.

test('token list of 1000 tokens', async () => {
  const harness = await startCoreHarness({ seedTokens: 1000 })
  try {
    const profile = await harness.addSandboxProfile()
    const samples: number[] = []
    for (let run = 0; run < 3; run += 1) {
      const started = performance.now()
      const list = await harness.value<TokenList>('tokens.list', { profileId: profile.id })
      samples.push(performance.now() - started)
      expect(list.tokens).toHaveLength(1000)
    }
    const median = samples.sort((a, b) => a - b)[1] ?? Number.NaN
    expect(report('tokens.list-1000', median, 'ms', { op: '<=', value: 1500 })).toBe(true)
  } finally {
    await harness.close()
  }
})
