import type { StoredToken } from '../../src/sandbox/index'
import type { CoreHarness } from './core-harness'

/**
 * A seeded token a quota edit can be tried on: limited, enabled, never expiring, with more than $20
 * left; `skip` leaves out tokens already taken by the test.
 */
export function limitedToken(h: CoreHarness, skip: readonly number[] = []): StoredToken {
  const row = h.sandbox.control
    .tokens()
    .find(
      (t) =>
        !t.unlimited_quota &&
        t.remain_quota > 10_000_000 &&
        t.expired_time === -1 &&
        t.status === 1 &&
        !skip.includes(t.id),
    )
  if (!row) throw new Error('the sandbox seeds no limited token')
  return row
}
