import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { LOG_FILE, closeLogger, createLogger, logFolderOf } from '../../src/main/core/logger'
import { RendererLog } from '../../src/main/core/renderer-log'
import { startCoreHarness, type CoreHarness } from './core-harness'

// The window's errors in main's log: marked as the window's, capped per minute so an error loop cannot
// fill the disk, and refused when malformed like every other call.

let dirs: string[] = []
let harness: CoreHarness | null = null
afterEach(async () => {
  await harness?.close()
  harness = null
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })))
  dirs = []
})

async function lines(dataDir: string) {
  const text = await readFile(join(logFolderOf(dataDir), LOG_FILE), 'utf8')
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}

describe('RendererLog', () => {
  it('keeps 30 messages a minute, then says how many it dropped', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tokendesk-rlog-'))
    dirs.push(dataDir)
    const logger = createLogger(dataDir)
    let now = 1_000_000
    const log = new RendererLog(logger, () => now)
    for (let n = 0; n < 45; n += 1) log.write({ level: 'error', message: `loop ${n}`, source: 'window' })
    now += 60_000
    log.write({ level: 'warn', message: 'next minute' })
    await closeLogger(logger)
    const written = (await lines(dataDir)).filter((line) => line.from === 'renderer')
    expect(written.map((line) => line.msg)).toEqual([
      ...Array.from({ length: 30 }, (_, n) => `loop ${n}`),
      'window messages dropped (too many)',
      'next minute',
    ])
    expect(written[30]).toMatchObject({ dropped: 15 })
    expect(written[0]).toMatchObject({ level: 50, source: 'window' })
    expect(written[31]).toMatchObject({ level: 40 })
  })
})

describe('app.log through the core', () => {
  it("writes the window's error to the log, and refuses a malformed one", async () => {
    harness = await startCoreHarness()
    expect(
      await harness.call('app.log', { level: 'error', message: 'grid failed', stack: 'at grid-row.vue:1' }),
    ).toEqual({ ok: true, value: null })
    const refused = await harness.call('app.log', { level: 'fatal', message: 'x'.repeat(3000) })
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation' } })
    await harness.core.close()
    const written = (await lines(harness.dataDir)).filter((line) => line.from === 'renderer')
    expect(written).toEqual([expect.objectContaining({ msg: 'grid failed', stack: 'at grid-row.vue:1' })])
  })
})
