import type { Token } from '@shared/domain/token'
import type { WithEditableFields } from '@shared/domain/token-values'
import type { GatewayClient } from '../gateway/gateway-client'
import type { SettableStatus } from '../gateway/token-writes'
import { withWriteAttempts } from './write-retry'

// Enabling or disabling a token: one status-only request (no read: the server re-writes the rest of the
// row from its own read, docs/newapi-behaviour.md §5). The status is absolute, so sending it again after a
// failure that may pass is harmless; write-retry.ts decides when.

export function runStatusWrite(
  client: GatewayClient,
  seen: WithEditableFields & { id: number },
  status: SettableStatus,
  random?: () => number,
): Promise<{ token: Token; requests: number }> {
  return withWriteAttempts(async (_attempt, sent) => {
    sent.requests += 1
    return { token: await client.updateTokenStatus(seen, status), requests: sent.requests }
  }, random)
}
