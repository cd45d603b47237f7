import { setTimeout as sleep } from 'node:timers/promises'
import type { Token } from '@shared/domain/token'
import { AppError } from '@shared/result'
import type { GatewayClient } from '../gateway/gateway-client'
import type { CreateMarker, NewTokenFields } from '../gateway/token-create'
import { WriteFailure } from './write-cycle'
import { nextAttemptDelay } from './write-retry'

// Creating a token without ever creating it twice. The server answers a create with no id and a create
// is not idempotent (docs/newapi-behaviour.md §5), so: note the highest id visible before sending (the
// marker) and save it before the POST leaves; once a marker exists — an attempt whose answer was lost,
// or a crash in the middle — look for the token first (newest first, above the marker, the same fields)
// and send again only when it is not there.

export interface CreateOptions {
  /** The marker an earlier attempt saved, if any. */
  marker: CreateMarker | null
  /** Saves the marker where a restart finds it; resolves once it is on disk. */
  saveMarker: (marker: CreateMarker) => Promise<void>
  random?: () => number
}

export async function runCreate(
  client: GatewayClient,
  fields: NewTokenFields,
  options: CreateOptions,
): Promise<{ token: Token | null; requests: number }> {
  let marker = options.marker
  let requests = 0
  for (let attempt = 1; ; attempt += 1) {
    try {
      if (marker) {
        // An earlier attempt may have made the token: look before sending anything again.
        requests += 1
        const found = await client.findCreatedToken(marker)
        if (found) return { token: found, requests }
      }
      requests += 1
      marker = await client.prepareCreate(fields)
      await options.saveMarker(marker)
      requests += 2 // the create, then the look-up of the new token
      const outcome = await client.createToken(marker.fields, marker)
      return { token: outcome.token, requests }
    } catch (error) {
      const delay = nextAttemptDelay(error, attempt, options.random)
      if (delay === null) {
        const cause = error instanceof AppError ? error : new AppError('internal', String(error))
        throw new WriteFailure(cause, null, requests)
      }
      await sleep(delay)
    }
  }
}
