import { randomUUID } from 'node:crypto'
import { profileSchema, withNameLimit, type Profile } from '@shared/domain/profile'
import type { SandboxGateway } from '../../../sandbox/index'
import { detectFeatures } from '../gateway/detect-features'
import type { GatewayRegistry } from '../gateway/gateway-registry'

// The saved-server entry for the demo, read from the running demo gateway the way adding a server reads
// a real one (status, account, features) — but without ProfileService.add, which stores the access token
// in the keychain: the demo's token is no secret and must work on a machine that has no keychain.

/** Stable in every UI language, so the user can always tell it apart; the UI adds a translated tag. */
export const DEMO_PROFILE_NAME = 'TokenDesk demo'

export async function describeDemoServer(
  gateways: GatewayRegistry,
  gateway: SandboxGateway,
  now: () => number,
): Promise<Profile> {
  const client = gateways.forConnection({
    baseUrl: gateway.baseUrl,
    userId: gateway.userId,
    accessToken: async () => gateway.accessToken,
  })
  const server = await client.status()
  const self = await client.userSelf()
  const features = await detectFeatures(client, now)
  // Parsed, so every field this code does not name takes the schema's default.
  return profileSchema.parse({
    id: randomUUID(),
    name: DEMO_PROFILE_NAME,
    baseUrl: gateway.baseUrl,
    userId: gateway.userId,
    createdAt: now(),
    username: self.display_name || self.username || null,
    server: withNameLimit(server, features),
    features,
    demo: true,
  })
}
