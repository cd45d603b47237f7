import type { CoreHostApi } from '../core-types'

// `--demo` on either host (`npm start -- --demo`, `npm run web -- --demo`): the window opens into the
// demo server. Goes through the contract's own call, so the host does exactly what the button does.

export async function startDemo(core: Pick<CoreHostApi, 'dispatch'>): Promise<void> {
  const result = await core.dispatch('demo.start', undefined)
  if (!result.ok) throw new Error(`the demo server could not be started: ${result.error.message}`)
}
