import { chromium, type Browser } from '@playwright/test'

// The Chromium the UI figures are measured in. `--headless` is the full browser, and every new context
// opens a window whose address bar builds its suggestion popup (a WebUI page) in a renderer of its own,
// while our page loads: up to about 1.4 s of CPU on two cores in a trace, and the reason single starts
// ranged from 0.9 to 1.7 s. Neither the desktop app (no address bar) nor a user's browser (its window is
// already open) pays that, so the bench turns those features off. Chromium keeps only the last
// `--disable-features`, so the names are added to Playwright's own list rather than replacing it.

const EXECUTABLE = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
]
const ADDRESS_BAR_POPUPS = ['WebUIOmniboxPopup', 'WebUIOmniboxFullPopup', 'WebUIOmniboxAimPopup']
const DISABLE_FEATURES = '--disable-features='

/** Playwright's own `--disable-features` switch, as it would launch this Chromium. */
async function defaultDisableFeatures(): Promise<string | null> {
  const server = await chromium.launchServer({ executablePath: EXECUTABLE, args: ARGS })
  try {
    return server.process().spawnargs.find((arg) => arg.startsWith(DISABLE_FEATURES)) ?? null
  } finally {
    await server.close()
  }
}

export async function launchBenchChromium(): Promise<Browser> {
  const defaults = await defaultDisableFeatures()
  const names = [...(defaults?.slice(DISABLE_FEATURES.length).split(',') ?? []), ...ADDRESS_BAR_POPUPS]
  return chromium.launch({
    executablePath: EXECUTABLE,
    ignoreDefaultArgs: defaults ? [defaults] : [],
    args: [...ARGS, `${DISABLE_FEATURES}${names.filter(Boolean).join(',')}`],
  })
}
