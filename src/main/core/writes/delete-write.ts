import type { GatewayClient } from '../gateway/gateway-client'
import { isRecordMissing } from '../gateway/unknown-route'
import { withWriteAttempts } from './write-retry'

// Deleting a token. A token that is already gone counts as done: deleted elsewhere, or by an earlier
// attempt whose answer was lost — which is also why sending the delete again is safe.

export type DeleteOutcome = 'deleted' | 'already-deleted'

export function runDelete(
  client: GatewayClient,
  tokenId: number,
  random?: () => number,
): Promise<{ outcome: DeleteOutcome; requests: number }> {
  return withWriteAttempts(async (attempt, sent) => {
    sent.requests += 1
    try {
      await client.deleteToken(tokenId)
      return { outcome: 'deleted' as const, requests: sent.requests }
    } catch (error) {
      // Gone: deleted by this write's own earlier attempt, or by someone else.
      if (isRecordMissing(error))
        return {
          outcome: attempt > 1 ? ('deleted' as const) : ('already-deleted' as const),
          requests: sent.requests,
        }
      throw error
    }
  }, random)
}
