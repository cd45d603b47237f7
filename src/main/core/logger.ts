import { chmodSync, mkdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import pino, { type Logger } from 'pino'
import { createStream, type RotatingFileStream } from 'rotating-file-stream'
import { redactSecrets } from './log-redaction'

// One JSON-lines log per data folder, in its `logs` folder: readable by the user alone (folder 0700,
// files 0600), rotated at 5 MB with four older files kept, so it never grows past 25 MB. Secrets never
// reach it: call sites log no headers or inputs that carry them; the fields known to hold one are
// censored by path, and every line passes redactSecrets before it is written (log-redaction.ts).
//
// TOKENDESK_LOG_DIR puts the logs elsewhere, one folder per data folder (named after it): the test suite
// gathers every log it produces there and checks each line for secrets.

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

export const LOG_FILE = 'tokendesk.log'
const ROTATE_AT = '5M'
const KEEP_ROTATED = 4

/** Where the log of the data folder `dataDir` is written. */
export function logFolderOf(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const elsewhere = env.TOKENDESK_LOG_DIR
  return elsewhere ? join(elsewhere, basename(dataDir)) : join(dataDir, 'logs')
}

const streams = new WeakMap<Logger, RotatingFileStream>()

export function createLogger(dataDir: string): Logger {
  const dir = logFolderOf(dataDir)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  // Folders and files made by earlier versions keep their old modes unless told.
  chmodSync(dir, 0o700)
  try {
    chmodSync(join(dir, LOG_FILE), 0o600)
  } catch {
    // No log yet: the stream creates it with mode 0600.
  }
  const stream = createStream(LOG_FILE, { path: dir, size: ROTATE_AT, rotate: KEEP_ROTATED, mode: 0o600 })
  // A log that cannot be written must not take the app down with it.
  stream.on('error', () => undefined)
  const logger = pino(
    {
      level: process.env.TOKENDESK_LOG_LEVEL ?? 'info',
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      hooks: { streamWrite: redactSecrets },
    },
    stream,
  )
  streams.set(logger, stream)
  return logger
}

/** Writes what is still queued and closes the file: the last lines before a quit are not lost. */
export async function closeLogger(logger: Logger): Promise<void> {
  const stream = streams.get(logger)
  if (!stream || stream.writableEnded) return
  await new Promise<void>((resolve) => {
    stream.once('finish', resolve)
    stream.once('error', () => resolve())
    stream.end()
  })
}

export type { Logger }
