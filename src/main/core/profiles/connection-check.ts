import type { ConnectionReport } from '@shared/domain/connection-report'
import { withNameLimit, type ServerFeatures } from '@shared/domain/profile'
import { AppError } from '@shared/result'
import { detectFeatures } from '../gateway/detect-features'
import type { GatewayClient } from '../gateway/gateway-client'
import type { Logger } from '../logger'
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

export interface VerifiedServer {
  report: ConnectionReport
  /** What the server can do; null (detected on first listing) when probing it failed. */
  features: ServerFeatures | null
}

/** The connection check of a server about to be saved, then what the server can do. */
export async function verifyServer(
  gateway: GatewayClient,
  userId: number,
  now: () => number,
  logger: Logger,
): Promise<VerifiedServer> {
  const report = await checkConnection(gateway, userId, now)
  try {
    const features = await detectFeatures(gateway, now)
    return { report: { ...report, server: withNameLimit(report.server, features) }, features }
  } catch (error) {
    const code = error instanceof AppError ? error.code : 'internal'
    logger.warn({ code }, 'server feature detection failed; will retry on listing')
    return { report, features: null }
  }
}
