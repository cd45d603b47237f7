import type { TokenDeskApi } from '@shared/contract/bridge-api'
import { createWebTransport } from './web-transport'

// The only module that touches `window.tokenDesk`. In the Electron host the preload exposes it; in the
// browser host it is absent and the same contract travels over HTTP + server-sent events instead.
// Everything else receives the api through `useBridge()` so tests can hand in a fake.
//
// IPC copies inputs with the structured clone algorithm, which refuses Vue's reactive proxies; every
// input is therefore passed as plain JSON data (the contract is JSON-shaped anyway, as over HTTP).

function withPlainInputs(api: TokenDeskApi): TokenDeskApi {
  const groups: Record<string, unknown> = { on: api.on.bind(api) }
  for (const [group, methods] of Object.entries(api)) {
    if (typeof methods !== 'object' || methods === null) continue
    groups[group] = Object.fromEntries(
      Object.entries(methods as Record<string, (input?: unknown) => unknown>).map(([name, call]) => [
        name,
        (input?: unknown) => call(input === undefined ? undefined : JSON.parse(JSON.stringify(input))),
      ]),
    )
  }
  return groups as TokenDeskApi
}

export const bridge: TokenDeskApi = window.tokenDesk
  ? withPlainInputs(window.tokenDesk)
  : createWebTransport()
