import { execFileSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// The built browser host as `npm run web` runs it (plain Node, out/main/web.js, real core): the one line
// end-to-end tests parse, a call through it, and a clean exit on SIGTERM. No keychain access is needed
// for the calls made here.

const webJs = resolve('out/main/web.js')
let dataDir: string

beforeAll(async () => {
  if (!existsSync(webJs)) execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' })
  dataDir = await mkdtemp(join(tmpdir(), 'tokendesk-web-cli-'))
}, 120_000)

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

describe('npm run web (out/main/web.js)', () => {
  it('prints one URL line, serves calls with the secret, and stops cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [webJs, '--port', '0', '--data-dir', dataDir, '--keychain-service', 'TokenDesk-test-hosts'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)))
    try {
      const url = await new Promise<string>((found, fail) => {
        const timer = setTimeout(() => fail(new Error(`no URL line:\n${output}`)), 15_000)
        child.stdout.on('data', () => {
          const match = /TokenDesk web host: (\S+)/.exec(output)
          if (match?.[1]) {
            clearTimeout(timer)
            found(match[1])
          }
        })
        void exited.then((code) => fail(new Error(`exited with ${code}:\n${output}`)))
      })
      const parsed = new URL(url)
      expect(parsed.hostname).toBe('127.0.0.1')
      const secret = new URLSearchParams(parsed.hash.slice(1)).get('secret')!
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/)

      const response = await fetch(`${parsed.origin}/api/call/app.info`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
        body: '{}',
      })
      expect(await response.json()).toMatchObject({ ok: true, value: { name: 'TokenDesk', host: 'web' } })

      child.kill('SIGTERM')
      expect(await exited).toBe(0)
      expect(output.match(/TokenDesk web host:/g)).toHaveLength(1)
      // The per-launch secret is printed once (in the URL) and written nowhere else.
      expect(output.split(secret)).toHaveLength(2)
      for (const entry of await readdir(dataDir, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile()) continue
        expect(await readFile(join(entry.parentPath, entry.name), 'utf8')).not.toContain(secret)
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  })
})
