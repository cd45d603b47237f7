import type { Translate } from './native-text/native-text'

// What About TokenDesk says: the version, what it runs on (for bug reports) and where its files are.
// Pure; about.ts shows it in a native dialog.

export interface AboutFacts {
  appName: string
  version: string
  electron: string
  chrome: string
  node: string
  dataDir: string
  logsDir: string
}

export function aboutText(
  t: Translate,
  facts: AboutFacts,
): { title: string; message: string; detail: string } {
  const name = facts.appName
  return {
    title: t('about.title', { name }),
    message: t('about.heading', { name, version: facts.version }),
    detail: [
      t('about.versions', { electron: facts.electron, chrome: facts.chrome, node: facts.node }),
      '',
      t('about.dataFolder', { path: facts.dataDir }),
      t('about.logsFolder', { path: facts.logsDir }),
    ].join('\n'),
  }
}
