import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import pino, { type Logger } from 'pino'

// One JSON-lines log file per data folder. Secrets never reach it: call sites log no headers or inputs
// that carry them, and redaction is a second line of defence for anything that slips through.

export const REDACTED_PATHS = [
  'accessToken',
  '*.accessToken',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'headers.Authorization',
  'secret',
  '*.secret',
  'key',
  '*.key',
]

export function createLogger(dataDir: string): Logger {
  const dir = join(dataDir, 'logs')
  mkdirSync(dir, { recursive: true })
  return pino(
    {
      level: process.env.TOKENDESK_LOG_LEVEL ?? 'info',
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    pino.destination({ dest: join(dir, 'tokendesk.log'), mkdir: true, sync: false }),
  )
}

export type { Logger }
