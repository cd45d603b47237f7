import { mkdtemp, readFile, readdir, rm, stat, writeFile, mkdir, chmod } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { redactSecrets } from '../../src/main/core/log-redaction'
import { LOG_FILE, closeLogger, createLogger, logFolderOf } from '../../src/main/core/logger'

// The log as it lands on disk: private to the user, rotated and capped, and free of secrets whatever a
// call site hands it.

const KEY_48 = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefghijkl'
const SK_KEY = `sk-${KEY_48}`
const ACCESS_TOKEN = 'Zx9YwVuTsRqPoNmLkJiHgFeDcBa87654' // an access token is not key-shaped: found by field

let dirs: string[] = []
afterEach(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })))
  dirs = []
})

async function dataFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tokendesk-log-'))
  dirs.push(dir)
  return dir
}

const mode = async (path: string) => (await stat(path)).mode & 0o777

describe('the log file', () => {
  it('keeps keys, credentials and access tokens out of every line, wherever they appear', async () => {
    const dataDir = await dataFolder()
    const logger = createLogger(dataDir)
    logger.info({ accessToken: ACCESS_TOKEN, profile: { accessToken: ACCESS_TOKEN } }, 'fields by name')
    logger.info({ headers: { Authorization: `Bearer ${ACCESS_TOKEN}` } }, 'a header object')
    logger.warn({ err: `request failed: Authorization: Bearer ${ACCESS_TOKEN}` }, 'an error text')
    logger.info({ url: `https://gw.example/v1?key=${SK_KEY}` }, `a key in a message ${SK_KEY}`)
    logger.info({ answer: { data: { key: KEY_48 } }, raw: `{"key":"${KEY_48}"}` }, 'a bare key')
    logger.info(
      { note: `basic auth Basic ${Buffer.from('user:password').toString('base64')}` },
      'Basic checks',
    )
    await closeLogger(logger)
    const text = await readFile(join(logFolderOf(dataDir), LOG_FILE), 'utf8')
    const lines = text.trim().split('\n')
    expect(lines).toHaveLength(6)
    for (const line of lines) {
      expect(() => JSON.parse(line)).not.toThrow() // still JSON lines after redaction
      expect(line).not.toContain(ACCESS_TOKEN)
      expect(line).not.toContain(KEY_48)
      expect(line).not.toMatch(/(Bearer|Basic)\s+[A-Za-z0-9+/=]{8}/)
      expect(line).toContain('[redacted]')
    }
    // What is not secret stays readable.
    expect(text).toContain('https://gw.example/v1?key=')
    expect(text).toContain('request failed')
    expect(text).toContain('"msg":"Basic checks"')
  })

  it('removes any key of either form from any text around it (property)', () => {
    const alnum = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')
    const key = fc.array(alnum, { minLength: 48, maxLength: 48 }).map((chars) => chars.join(''))
    // Text around the key that does not glue onto it (a key is a standalone run).
    const around = fc.string().map((text) => text.replace(/[A-Za-z0-9_-]+$|^[A-Za-z0-9_-]+/g, ''))
    fc.assert(
      fc.property(around, key, fc.boolean(), around, (before, secret, prefixed, after) => {
        const shown = prefixed ? `sk-${secret}` : secret
        const line = JSON.stringify({ msg: `${before} ${shown} ${after}` })
        const redacted = redactSecrets(line)
        expect(redacted).not.toContain(secret)
        expect(() => JSON.parse(redacted)).not.toThrow()
      }),
      { numRuns: 2000 },
    )
  })

  it('is readable by the user alone: folder 0700, file 0600, also when an older version left them open', async () => {
    const dataDir = await dataFolder()
    const folder = logFolderOf(dataDir)
    await mkdir(folder, { recursive: true, mode: 0o755 })
    await writeFile(join(folder, LOG_FILE), '', { mode: 0o644 })
    await chmod(folder, 0o755)
    const logger = createLogger(dataDir)
    logger.info('hello')
    await closeLogger(logger)
    expect(await mode(folder)).toBe(0o700)
    expect(await mode(join(folder, LOG_FILE))).toBe(0o600)

    const fresh = await dataFolder()
    const second = createLogger(fresh)
    second.info('hello')
    await closeLogger(second)
    expect(await mode(logFolderOf(fresh))).toBe(0o700)
    expect(await mode(join(logFolderOf(fresh), LOG_FILE))).toBe(0o600)
  })

  it('rotates at 5 MB and keeps four older files, so it never passes 25 MB', async () => {
    const dataDir = await dataFolder()
    const logger = createLogger(dataDir)
    const filler = 'x'.repeat(1000)
    // 30 MB of lines: enough for six rotations.
    for (let n = 0; n < 30_000; n += 1) logger.info({ n, filler }, 'filler')
    await closeLogger(logger)
    const folder = logFolderOf(dataDir)
    const files = (await readdir(folder)).filter((name) => name.startsWith(LOG_FILE))
    expect(files.sort()).toEqual([LOG_FILE, ...[1, 2, 3, 4].map((n) => `${LOG_FILE}.${n}`)])
    let total = 0
    for (const name of files) {
      const size = (await stat(join(folder, name))).size
      expect(size).toBeLessThanOrEqual(5 * 1024 * 1024 + 2048) // a line may finish past the mark
      expect(await mode(join(folder, name))).toBe(0o600)
      total += size
    }
    expect(total).toBeLessThanOrEqual(25 * 1024 * 1024 + 5 * 2048)
    // The newest lines are in the current file.
    expect(await readFile(join(folder, LOG_FILE), 'utf8')).toContain('"n":29999')
  })

  it('goes under TOKENDESK_LOG_DIR, one folder per data folder, when that is set', () => {
    expect(logFolderOf('/home/u/.config/TokenDesk', {})).toBe('/home/u/.config/TokenDesk/logs')
    expect(logFolderOf('/home/u/.config/TokenDesk', { TOKENDESK_LOG_DIR: '/var/tmp/logs' })).toBe(
      '/var/tmp/logs/TokenDesk',
    )
  })
})
