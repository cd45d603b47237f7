import { clipboard, shell } from 'electron'
import { isClientLink } from '@shared/domain/client-links'
import type { DesktopActions } from '../core/core-types'

// The Electron host's clipboard and link opener, handed to the core (create-core → KeyService) so a copied
// key goes from main straight to the OS clipboard and a client's deep link straight to the OS, without
// ever reaching the renderer. Only the deep-link schemes of the clients TokenDesk knows are opened here
// (parsed with `new URL`, never matched as a prefix); anything else is refused.

export const desktopActions: DesktopActions = {
  writeClipboard: (text) => clipboard.writeText(text),
  openExternal: async (url) => {
    if (!isClientLink(url)) throw new Error('Refused to open a link that is not a known client deep link')
    await shell.openExternal(new URL(url).href)
  },
}
