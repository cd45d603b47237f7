import { homedir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'

// Command-line options of `npm run web`, as pure functions so they can be tested without starting anything.

export const DEFAULT_PORT = 5780
export const APP_FOLDER = 'TokenDesk'

export interface WebCliOptions {
  port: number
  dataDir: string
  keychainService: string
  /** Open straight into the demo server TokenDesk runs itself (started, and added when missing). */
  demo: boolean
  help: boolean
}

/**
 * The folder Electron's `app.getPath('userData')` would use for TokenDesk, so the desktop app and the
 * browser host share profiles and drafts by default.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env['APPDATA'] || join(home, 'AppData', 'Roaming'), APP_FOLDER)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER)
  return join(env['XDG_CONFIG_HOME'] || join(home, '.config'), APP_FOLDER)
}

function parsePort(raw: string): number {
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a number from 0 to 65535 (0 picks a free port), got "${raw}"`)
  }
  return port
}

/** Parses argv (without node and the script); throws an Error with a user-facing message on bad input. */
export function parseWebCliArgs(argv: string[], defaults = { dataDir: defaultDataDir() }): WebCliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'keychain-service': { type: 'string' },
      demo: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  })
  const keychainService = values['keychain-service'] ?? APP_FOLDER
  if (keychainService.trim() === '') throw new Error('--keychain-service must not be empty')
  const dataDir = values['data-dir'] ?? defaults.dataDir
  if (dataDir.trim() === '') throw new Error('--data-dir must not be empty')
  return {
    port: values.port === undefined ? DEFAULT_PORT : parsePort(values.port),
    dataDir,
    keychainService,
    demo: values.demo ?? false,
    help: values.help ?? false,
  }
}

export const USAGE = `Usage: npm run web -- [--port N] [--data-dir DIR] [--keychain-service NAME] [--demo]

  --port N                  port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free port)
  --data-dir DIR            where profiles and drafts live (default: the desktop app's folder)
  --keychain-service NAME   keychain service for access tokens (default ${APP_FOLDER})
  --demo                    open straight into the demo server (a sandbox gateway inside the app,
                            with sample tokens; no keychain or server of your own needed)`
