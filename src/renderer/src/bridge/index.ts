import type { TokenDeskApi } from '@shared/contract/bridge-api'
import { createWebTransport } from './web-transport'

// The only module that touches `window.tokenDesk`. In the Electron host the preload exposes it; in the
// browser host it is absent and the same contract travels over HTTP + server-sent events instead.
// Everything else receives the api through `useBridge()` so tests can hand in a fake.
export const bridge: TokenDeskApi = window.tokenDesk ?? createWebTransport()
