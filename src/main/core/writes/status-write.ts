import { setTimeout as sleep } from 'node:timers/promises'
import type { Token, WithEditableFields } from '@shared/domain/token'
import { AppError } from '@shared/result'
import type { GatewayClient } from '../gateway/gateway-client'
import type { SettableStatus } from '../gateway/token-writes'
import { WriteFailure } from './write-cycle'
import { nextAttemptDelay } from './write-retry'

// Enabling or disabling a token: one status-only request (no read: the server re-writes the rest of the
// row from its own read, docs/newapi-behaviour.md §5). The status is absolute, so sending it again after a
// failure that may pass is harmless; write-retry.ts decides when.

export async function runStatusWrite(
  client: GatewayClient,
  seen: WithEditableFields & { id: number },
  status: SettableStatus,
  random: () => number = Math.random,
): Promise<{ token: Token; requests: number }> {
  let requests = 0
  for (let attempt = 1; ; attempt += 1) {
    try {
      requests += 1
      return { token: await client.updateTokenStatus(seen, status), requests }
    } catch (error) {
      const delay = nextAttemptDelay(error, attempt, random)
      if (delay === null) {
        const cause = error instanceof AppError ? error : new AppError('internal', String(error))
        throw new WriteFailure(cause, null, requests)
      }
      await sleep(delay)
    }
  }
}
