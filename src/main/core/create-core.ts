import { mkdir } from 'node:fs/promises'
import type { CoreHostApi, CoreOptions } from './core-types'
import { createDispatcher } from './dispatcher'
import { EventBus } from './event-bus'
import { GatewayRegistry } from './gateway/gateway-registry'
import { createLogger } from './logger'
import { ProfileService } from './profiles/profile-service'
import { ProfileStore } from './profiles/profile-store'
import { TokenService } from './tokens/token-service'

// The composition root both hosts call. Everything here runs in plain Node: no 'electron' import.

export async function createCore(options: CoreOptions): Promise<CoreHostApi> {
  const now = () => (options.clock ?? Date).now()
  await mkdir(options.dataDir, { recursive: true })
  const logger = createLogger(options.dataDir)
  const events = new EventBus()
  const store = await ProfileStore.open(options.dataDir, logger, now)
  const gateways = new GatewayRegistry({
    fetch: options.fetch,
    now,
    logger,
    secrets: options.secretStore,
    locale: () => options.locale ?? 'en-US',
  })
  const profiles = new ProfileService({ store, secrets: options.secretStore, gateways, events, logger, now })
  const tokens = new TokenService({ profiles, gateways, events, now })

  const dispatch = createDispatcher(
    {
      'app.info': async () => ({
        name: 'TokenDesk',
        version: options.appVersion,
        host: options.host,
        platform: process.platform,
        locale: options.locale ?? 'en-US',
      }),
      'profiles.list': async () => profiles.list(),
      'profiles.add': (input) => profiles.add(input),
      'profiles.remove': async (input) => {
        await profiles.remove(input.id)
        return null
      },
      'profiles.select': (input) => profiles.select(input.id),
      'tokens.list': (input) => tokens.list(input.profileId),
      'tokens.get': (input) => tokens.get(input.profileId, input.id),
      'tokens.update': (input) => tokens.update(input),
    },
    logger,
  )
  logger.info({ host: options.host, version: options.appVersion }, 'core started')

  return {
    dispatch,
    onEvent: (listener) => events.subscribe(listener),
    close: async () => {
      logger.info('core stopped')
      logger.flush()
    },
  }
}
