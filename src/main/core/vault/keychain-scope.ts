import { createHash } from 'node:crypto'
import { realpath } from 'node:fs/promises'

// The keychain scope of a data folder: a short hash of its real path. Deterministic, so nothing has to be
// stored (a lost file cannot orphan every entry), and the desktop app and the browser host, which share
// the default folder, share its entries too.

export async function keychainScope(dataDir: string): Promise<string> {
  const path = await realpath(dataDir)
  return createHash('sha256').update(path).digest('hex').slice(0, 12)
}
