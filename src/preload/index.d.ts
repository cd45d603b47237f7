import type { TokenDeskApi } from '../shared/contract/bridge-api'

// `window.tokenDesk` exists only in the Electron host; in the browser host the renderer's bridge module
// falls back to the HTTP transport.
declare global {
  interface Window {
    tokenDesk?: TokenDeskApi
  }
}

export {}
