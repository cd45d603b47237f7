import { powerMonitor } from 'electron'
import type { CoreHostApi } from '../core/core-types'

// The OS's word on the network, passed to the core so it looks at offline servers at once instead of
// waiting for its next probe. The window's own online/offline events already reach the core through the
// renderer (as in the browser host); what only the main process hears is the machine waking up.

export function forwardSystemSignals(core: CoreHostApi): () => void {
  const resumed = () => void core.dispatch('app.signal', { signal: 'resume' })
  powerMonitor.on('resume', resumed)
  powerMonitor.on('unlock-screen', resumed)
  return () => {
    powerMonitor.off('resume', resumed)
    powerMonitor.off('unlock-screen', resumed)
  }
}
