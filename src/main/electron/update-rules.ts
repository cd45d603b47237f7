// The update decisions, pure so tests prove them; updater.ts is the electron-updater glue.

/**
 * Where updates come from: an electron-updater "generic" feed (a folder of latest*.yml and installers on
 * any HTTPS server), fixed when the app is built (MAIN_VITE_UPDATE_FEED_URL, see README "Updates").
 * Unset means off: the app never asks anyone. Only https: the feed says which installer to run.
 */
export type UpdateFeed =
  { state: 'off' } | { state: 'on'; url: string } | { state: 'invalid'; reason: 'not-a-url' | 'not-https' }

export function updateFeed(raw: string | undefined): UpdateFeed {
  const text = raw?.trim()
  if (!text) return { state: 'off' }
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return { state: 'invalid', reason: 'not-a-url' }
  }
  if (url.protocol !== 'https:') return { state: 'invalid', reason: 'not-https' }
  return { state: 'on', url: url.href }
}

/** Updates run only in a packaged app with a feed: an unpackaged one has no installer to replace. */
export function updatesActive(feed: UpdateFeed, isPackaged: boolean): feed is { state: 'on'; url: string } {
  return feed.state === 'on' && isPackaged
}

export type RestartDecision = { restart: true } | { restart: false; unsynced: number }

/**
 * May a downloaded update restart the app now? Never while any server has a draft that has not reached
 * it: a restart would stop a send half way, and the user may be about to push. Those drafts are on disk
 * either way, so the update is installed on the next quit instead (electron-updater's install-on-quit).
 */
export function restartDecision(states: readonly { unsynced: number }[]): RestartDecision {
  const unsynced = states.reduce((sum, state) => sum + state.unsynced, 0)
  return unsynced === 0 ? { restart: true } : { restart: false, unsynced }
}
