import type { ConnectionReport } from '@shared/domain/connection-report'
import type { GatewayClient } from '../gateway/gateway-client'
import { diagnoseConnection, otherUser } from './connection-diagnosis'

// "Test connection", and the check before a server is saved: the server's status (no credentials, so an
// address problem shows as one), then the account behind the access token. Each failure names the part
// of the form that is wrong (connection-diagnosis.ts).

export async function checkConnection(
  gateway: GatewayClient,
  userId: number,
  now: () => number,
): Promise<ConnectionReport> {
  const server = await gateway.status().catch((error: unknown) => {
    throw diagnoseConnection(error, 'status')
  })
  const self = await gateway.userSelf().catch((error: unknown) => {
    throw diagnoseConnection(error, 'self')
  })
  if (self.id !== userId) throw otherUser(self.id, userId)
  return {
    server,
    user: {
      id: self.id,
      username: self.username || null,
      displayName: self.display_name || null,
      role: self.role ?? null,
      group: self.group ?? null,
      quota: self.quota ?? null,
    },
    checkedAt: now(),
  }
}
