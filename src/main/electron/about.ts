import { app, clipboard, dialog, type BrowserWindow } from 'electron'
import { aboutText } from './about-text'
import type { Translate } from './native-text/native-text'

// About TokenDesk as a native dialog on every platform (the macOS about panel cannot show the folders),
// with a button that copies its text for a bug report.

export async function showAbout(options: {
  parent: BrowserWindow | null
  t: Translate
  dataDir: string
  logsDir: string
}): Promise<void> {
  const { t } = options
  const text = aboutText(t, {
    appName: app.getName(),
    version: app.getVersion(),
    electron: process.versions.electron,
    chrome: process.versions.chrome,
    node: process.versions.node,
    dataDir: options.dataDir,
    logsDir: options.logsDir,
  })
  const box = {
    type: 'info' as const,
    title: text.title,
    message: text.message,
    detail: text.detail,
    buttons: [t('about.close'), t('about.copy')],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  }
  const { response } = options.parent
    ? await dialog.showMessageBox(options.parent, box)
    : await dialog.showMessageBox(box)
  if (response === 1) clipboard.writeText(`${text.message}\n${text.detail}`)
}
