import { setTimeout as sleep } from 'node:timers/promises'
import { AppError } from '@shared/result'
import type { GatewayClient } from '../gateway/gateway-client'
import { WriteFailure } from './write-cycle'
import { nextAttemptDelay } from './write-retry'

// Deleting a token. A token that is already gone counts as done: deleted elsewhere, or by an earlier
// attempt whose answer was lost — which is also why sending the delete again is safe.

export type DeleteOutcome = 'deleted' | 'already-deleted'

const isRecordMissing = (error: unknown): boolean =>
  error instanceof AppError && error.code === 'not-found' && !error.details?.routeMissing

export async function runDelete(
  client: GatewayClient,
  tokenId: number,
  random: () => number = Math.random,
): Promise<{ outcome: DeleteOutcome; requests: number }> {
  let requests = 0
  let mayHaveLanded = false
  for (let attempt = 1; ; attempt += 1) {
    try {
      requests += 1
      await client.deleteToken(tokenId)
      return { outcome: 'deleted', requests }
    } catch (error) {
      if (isRecordMissing(error)) return { outcome: mayHaveLanded ? 'deleted' : 'already-deleted', requests }
      const delay = nextAttemptDelay(error, attempt, random)
      if (delay === null) {
        const cause = error instanceof AppError ? error : new AppError('internal', String(error))
        throw new WriteFailure(cause, null, requests)
      }
      mayHaveLanded = true
      await sleep(delay)
    }
  }
}
