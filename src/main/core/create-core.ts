import { mkdir } from 'node:fs/promises'
import { AppError, fail, ok } from '@shared/result'
import type { CoreApi, CoreOptions } from './core-types'
import { createDispatcher } from './dispatcher'
import { EventBus } from './event-bus'
import { GatewayRegistry } from './gateway/gateway-registry'
import { createLogger } from './logger'
import { ProfileService } from './profiles/profile-service'
import { ProfileStore } from './profiles/profile-store'
import { ServerFeaturesKeeper } from './profiles/server-features'
import { TokenService } from './tokens/token-service'

// The composition root both hosts call. Everything here runs in plain Node: no 'electron' import.

export async function createCore(options: CoreOptions): Promise<CoreApi> {
  const now = () => (options.clock ?? Date).now()
  // Follows the UI language (app.setLocale); until the window says, the host's guess.
  let locale = options.locale ?? 'en-US'
  await mkdir(options.dataDir, { recursive: true })
  const logger = createLogger(options.dataDir)
  const events = new EventBus()
  const store = await ProfileStore.open(options.dataDir, logger, now)
  const gateways = new GatewayRegistry({
    fetch: options.fetch,
    now,
    logger,
    secrets: options.secretStore,
    locale: () => locale,
  })
  const profiles = new ProfileService({ store, secrets: options.secretStore, gateways, events, logger, now })
  const features = new ServerFeaturesKeeper({ store, gateways, events, logger, now })
  const tokens = new TokenService({ profiles, features, events, now })

  const dispatch = createDispatcher(
    {
      'app.setLocale': async (input) => {
        locale = input.locale
        return null
      },
      'app.info': async () => ({
        name: 'TokenDesk',
        version: options.appVersion,
        host: options.host,
        platform: process.platform,
        locale,
      }),
      'profiles.list': async () => profiles.list(),
      'profiles.add': (input) => profiles.add(input),
      'profiles.remove': async (input) => {
        await profiles.remove(input.id)
        return null
      },
      'profiles.select': (input) => profiles.select(input.id),
      'profiles.setPacing': (input) => profiles.setPacing(input.id, input.pacing),
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
    refreshServerFeatures: async (profileId) => {
      try {
        return ok(await features.refresh(profileId))
      } catch (error) {
        if (error instanceof AppError) return { ok: false, error: error.toData() }
        logger.error({ err: String(error) }, 'feature detection crashed')
        return fail('internal', 'Something went wrong inside TokenDesk. The details are in the log.')
      }
    },
    close: async () => {
      logger.info('core stopped')
      logger.flush()
    },
  }
}
