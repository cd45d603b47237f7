import { inject, type App, type InjectionKey } from 'vue'
import type { TokenDeskApi } from '@shared/contract/bridge-api'

// Stores and components get the api by injection rather than importing `./index`, so that importing a
// store never drags in the real transport: tests provide an in-memory fake, main.ts provides the bridge.
export const bridgeKey: InjectionKey<TokenDeskApi> = Symbol('tokenDesk bridge')

export function provideBridge(app: App, api: TokenDeskApi): void {
  app.provide(bridgeKey, api)
}

export function useBridge(): TokenDeskApi {
  const api = inject(bridgeKey, null)
  if (!api) throw new Error('TokenDesk bridge was not provided to the app')
  return api
}
