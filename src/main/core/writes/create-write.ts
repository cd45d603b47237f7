import type { Token } from '@shared/domain/token'
import type { GatewayClient } from '../gateway/gateway-client'
import type { CreateMarker, NewTokenFields } from '../gateway/token-create'
import { withWriteAttempts } from './write-retry'

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

export function runCreate(
  client: GatewayClient,
  fields: NewTokenFields,
  options: CreateOptions,
): Promise<{ token: Token | null; requests: number }> {
  let marker = options.marker
  return withWriteAttempts(async (_attempt, sent) => {
    if (marker) {
      // An earlier attempt may have made the token: look before sending anything again.
      sent.requests += 1
      const found = await client.findCreatedToken(marker)
      if (found) return { token: found, requests: sent.requests }
    }
    const prepared = await client.prepareCreate(fields)
    sent.requests += prepared.requests
    marker = prepared.marker
    await options.saveMarker(marker)
    sent.requests += 2 // the create, then the look-up of the new token
    const outcome = await client.createToken(marker.fields, marker)
    return { token: outcome.token, requests: sent.requests }
  }, options.random)
}
