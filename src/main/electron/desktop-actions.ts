import { clipboard, shell } from 'electron'
import { isClientLink } from '@shared/domain/client-links'
import type { DesktopActions } from '../core/core-types'

// The Electron host's clipboard and link opener, handed to the core (create-core → KeyService) so a copied
// key goes from main straight to the OS clipboard and a client's deep link straight to the OS, without
// ever reaching the renderer. Only the deep-link schemes of the clients TokenDesk knows are opened here
// (parsed with `new URL`, never matched as a prefix); anything else is refused. Folders: only the two the
// core names (data, logs), never a path that came from the window.

export const desktopActions: DesktopActions = {
  writeClipboard: (text) => clipboard.writeText(text),
  openExternal: async (url) => {
    if (!isClientLink(url)) throw new Error('Refused to open a link that is not a known client deep link')
    await shell.openExternal(new URL(url).href)
  },
  openFolder: async (path) => {
    // openPath answers with an error text rather than rejecting ('' when it worked).
    const problem = await shell.openPath(path)
    if (problem) throw new Error(`The folder could not be opened: ${problem}`)
  },
}
