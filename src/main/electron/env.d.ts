/// <reference types="electron-vite/node" />

// What the Electron host's build provides: `?asset` imports (a file copied beside the build, its path at
// run time) and the build-time settings electron-vite passes to main (MAIN_VITE_*; README "Updates").

interface ImportMetaEnv {
  /** The electron-updater generic feed; unset = updates off. */
  readonly MAIN_VITE_UPDATE_FEED_URL?: string
}

interface ImportMeta {
  readonly env: ImportMetaEnv
}
