import { ok, type Reply } from './reply'
import type { RequestContext } from './request-context'
import { SANDBOX_VERSIONS } from './sandbox-mode'
import { CUSTOM_CURRENCY_EXCHANGE_RATE, CUSTOM_CURRENCY_SYMBOL, USD_EXCHANGE_RATE } from './sandbox-settings'

// GET /api/status (public) and GET /api/user/self (docs/newapi-behaviour.md §5).

export function getStatus({ state }: RequestContext): Reply {
  return ok({
    system_name: 'TokenDesk Sandbox',
    version: SANDBOX_VERSIONS[state.mode],
    quota_per_unit: state.quotaPerUnit,
    quota_display_type: state.displayType,
    usd_exchange_rate: USD_EXCHANGE_RATE,
    custom_currency_symbol: CUSTOM_CURRENCY_SYMBOL,
    custom_currency_exchange_rate: CUSTOM_CURRENCY_EXCHANGE_RATE,
    // The pre-2025-09-29 setting, still sent for older clients.
    display_in_currency: state.displayType !== 'TOKENS',
    default_use_auto_group: false,
    server_address: state.serverAddress,
  })
}

export function getSelf({ state }: RequestContext): Reply {
  return ok({ ...state.user })
}
