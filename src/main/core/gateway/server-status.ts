import { z } from 'zod'
import { AppError } from '@shared/result'
import { DEFAULT_SERVER_FACTS, DISPLAY_TYPES, type ServerFacts } from '@shared/domain/server-facts'
import { parseBaseUrl } from '@shared/domain/server-address'

// `GET /api/status` → the facts TokenDesk needs to show quota as money. Every field is optional because
// servers of every age answer here; older ones only have `display_in_currency`.

const positive = z.number().positive().optional().catch(undefined)

export const statusSchema = z.looseObject({
  system_name: z.string().optional().catch(undefined),
  version: z.string().optional().catch(undefined),
  quota_per_unit: positive,
  quota_display_type: z.string().optional().catch(undefined),
  display_in_currency: z.boolean().optional().catch(undefined),
  usd_exchange_rate: positive,
  custom_currency_symbol: z.string().optional().catch(undefined),
  custom_currency_exchange_rate: positive,
  default_use_auto_group: z.boolean().optional().catch(undefined),
  server_address: z.string().optional().catch(undefined),
})

/** `server_address` as a base URL (as a typed address is read: `/v1` and such cut off); null if unusable. */
function declaredAddress(text: string | undefined): string | null {
  if (!text?.trim()) return null
  // An admin's http:// is their choice for their customers; it carries no access token of the user's.
  const parsed = parseBaseUrl(text, true)
  return parsed.ok ? parsed.url : null
}

export function serverFactsFromStatus(data: unknown): ServerFacts {
  const parsed = statusSchema.safeParse(data ?? {})
  if (!parsed.success) {
    // Not an object at all (a string, an array): whatever answered is not a new-api status route.
    throw new AppError('bad-response', 'The server sent its status in an unexpected shape.')
  }
  const status = parsed.data
  const declared = (DISPLAY_TYPES as readonly string[]).includes(status.quota_display_type ?? '')
    ? (status.quota_display_type as ServerFacts['displayType'])
    : undefined
  const legacy = status.display_in_currency === false ? 'TOKENS' : 'USD'
  return {
    systemName: status.system_name ?? null,
    version: status.version ?? null,
    quotaPerUnit: status.quota_per_unit ?? DEFAULT_SERVER_FACTS.quotaPerUnit,
    displayType: declared ?? legacy,
    usdExchangeRate: status.usd_exchange_rate ?? DEFAULT_SERVER_FACTS.usdExchangeRate,
    customCurrencySymbol: status.custom_currency_symbol || DEFAULT_SERVER_FACTS.customCurrencySymbol,
    customCurrencyExchangeRate:
      status.custom_currency_exchange_rate ?? DEFAULT_SERVER_FACTS.customCurrencyExchangeRate,
    // Not stated by /api/status: filled in from the detected features (withNameLimit).
    maxNameBytes: DEFAULT_SERVER_FACTS.maxNameBytes,
    defaultUseAutoGroup: status.default_use_auto_group ?? false,
    serverAddress: declaredAddress(status.server_address),
  }
}
