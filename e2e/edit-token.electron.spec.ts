import { createRequire } from 'node:module'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { existsSync, readFileSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { _electron as electron, test, expect } from '@playwright/test'
import { startSandbox } from '../src/sandbox/index'
import { addSandboxServer, editNameQuotaAndExpiry, renameWhileInUse } from './flows/edit-token-flow'

// The same flows in the real desktop app. The Electron binary is downloaded from GitHub on first use,
// which these build machines cannot reach, so here the project reports these tests as skipped.

function electronBinary(): string | null {
  // Requiring 'electron' would start a download from GitHub when the binary is missing, so look for the
  // files the package's installer leaves behind instead.
  const packageJson = createRequire(import.meta.url).resolve('electron/package.json')
  const packageDir = dirname(packageJson)
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binaryPath = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binaryPath) ? binaryPath : null
}

// TOKENDESK_E2E_ELECTRON_APP names a packaged test build's executable (npm run dist:test-build): the app
// is then the one inside it (app.asar), started without a path, with the fuses a release has except the
// inspector Playwright needs. Otherwise the Electron in node_modules runs this folder.
const packagedApp = process.env['TOKENDESK_E2E_ELECTRON_APP'] || null
if (packagedApp !== null && !existsSync(packagedApp)) {
  throw new Error(`TOKENDESK_E2E_ELECTRON_APP points at ${packagedApp}, which does not exist`)
}
const binary = packagedApp ?? electronBinary()
const appArgs = packagedApp === null ? ['.'] : []

test.describe('desktop app (Electron)', () => {
  test.skip(
    binary === null,
    'the Electron binary is not installed on this machine (it downloads from GitHub)',
  )

  for (const [title, flow] of [
    ['changes name, quota in dollars and expiry', editNameQuotaAndExpiry],
    ['does not give back quota consumed while editing', renameWhileInUse],
  ] as const) {
    test(title, async () => {
      const sandbox = await startSandbox({ fork: 'anyapi' })
      const dataDir = await mkdtemp(join(tmpdir(), 'tokendesk-electron-'))
      const app = await electron.launch({
        executablePath: binary ?? undefined,
        args: [...appArgs, '--lang=en-US'],
        env: {
          ...process.env,
          TOKENDESK_DATA_DIR: dataDir,
          TOKENDESK_KEYCHAIN_SERVICE: `TokenDesk-e2e-${randomUUID()}`,
        },
      })
      try {
        const page = await app.firstWindow()
        await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible()
        await addSandboxServer(page, sandbox)
        await flow(page, sandbox)
      } finally {
        await app.close()
        await sandbox.close()
        await rm(dataDir, { recursive: true, force: true })
      }
    })
  }
})
