import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import keytar from 'keytar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWebHost } from '../../e2e/fixtures/web-host-process'
import { callHost } from './host-call'
import { KEYCHAIN_INDEX_FILE } from '../../src/main/core/vault/keychain-index'
import { keychainScope } from '../../src/main/core/vault/keychain-scope'
import type { Result } from '../../src/shared/result'
import { keychainAccounts } from '../core/keychain-accounts'
import { startSandbox, type SandboxGateway } from '../../src/sandbox/index'

// Crashes during adds and removes of servers leave no access token behind in the keychain: the real
// browser host is killed with SIGKILL at random moments while servers are being added and removed, 40
// times; after the next start the keychain holds exactly the saved servers' tokens. (Before the vault's
// sweep existed, 40 such crashes were measured to leave 112 live access tokens of no server behind.)

const KILLS = 40
const webJs = resolve('out/main/web.js')
const keychainService = `TokenDesk-crash-keys-${randomUUID()}`
let sandbox: SandboxGateway
let dataDir: string

beforeAll(async () => {
  if (!existsSync(webJs)) execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' })
  sandbox = await startSandbox({ latencyMs: 10, rateLimits: { global: false } })
  dataDir = await mkdtemp(join(tmpdir(), 'tokendesk-crash-keys-'))
}, 120_000)

afterAll(async () => {
  await sandbox.close()
  await rm(dataDir, { recursive: true, force: true })
  for (const credential of await keytar.findCredentials(keychainService)) {
    await keytar.deletePassword(keychainService, credential.account)
  }
})

const call = callHost

const savedIds = async (): Promise<string[]> => {
  const text = await readFile(join(dataDir, 'profiles.json'), 'utf8').catch(() => '{"profiles":[]}')
  return (JSON.parse(text) as { profiles: { id: string }[] }).profiles.map((p) => p.id).sort()
}

const indexedIds = async (): Promise<string[]> => {
  const text = await readFile(join(dataDir, KEYCHAIN_INDEX_FILE), 'utf8').catch(() => '{"profileIds":[]}')
  return (JSON.parse(text) as { profileIds: string[] }).profileIds.sort()
}

describe('crashes during adds and removes of servers', () => {
  it(`leave no access token of no server in the keychain, killed ${KILLS} times`, async () => {
    let added = 0
    /** Entries of no saved server found just before each start: what the kills left behind. */
    let orphans = 0
    const scope = await keychainScope(dataDir)
    // One crash's leftovers for certain: a token written to the keychain (and noted in the index) for
    // a server whose save never happened. Whether the random kills below also land in that short window
    // is chance (3 of 40 here, none on a fast CI machine), so the sweep is not left to chance to prove.
    await writeFile(
      join(dataDir, KEYCHAIN_INDEX_FILE),
      JSON.stringify({ profileIds: ['crashed-before-save'] }),
    )
    await keytar.setPassword(keychainService, `${scope}:crashed-before-save`, 'sk-left-by-a-crash')
    const countOrphans = async () => {
      const saved = new Set((await savedIds()).map((id) => `${scope}:${id}`))
      orphans += (await keychainAccounts(keychainService)).filter((account) => !saved.has(account)).length
    }
    for (let round = 0; round < KILLS; round += 1) {
      await countOrphans()
      const host = await startWebHost({ dataDir, keychainService })
      const calls: Promise<unknown>[] = []
      for (let n = 0; n < 3; n += 1) {
        added += 1
        calls.push(
          call(host, 'profiles.add', {
            name: `Server ${added}`,
            baseUrl: sandbox.baseUrl,
            userId: sandbox.userId,
            accessToken: sandbox.accessToken,
          }).catch(() => undefined),
        )
      }
      for (const id of (await savedIds()).slice(0, 2)) {
        calls.push(call(host, 'profiles.remove', { id }).catch(() => undefined))
      }
      // Up to 1.6 s: an add checks the server (a few requests) before it writes the keychain.
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 1500))
      await host.kill()
      await Promise.all(calls)
    }

    // Entries of no server were there to sweep, and servers were saved (else this test would prove nothing).
    await countOrphans()
    expect(orphans).toBeGreaterThan(0)
    expect((await savedIds()).length).toBeGreaterThan(0)

    // The next start sweeps; the host is stopped before the keychain is listed (listing while another
    // process deletes an entry crashes libsecret's reader).
    const host = await startWebHost({ dataDir, keychainService })
    let listed: Result<{ profiles: { id: string }[] }>
    try {
      const expectedIds = (await savedIds()).join()
      for (let wait = 0; wait < 100; wait += 1) {
        if ((await indexedIds()).join() === expectedIds) break
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      listed = await call<{ profiles: { id: string }[] }>(host, 'profiles.list')
    } finally {
      await host.stop()
    }
    const expected = (await savedIds()).map((id) => `${scope}:${id}`).sort()
    expect(await keychainAccounts(keychainService)).toEqual(expected)
    // Every saved server still has its token: the sweep removed only what belonged to none.
    expect(listed.ok && listed.value.profiles.length).toBe(expected.length)
    console.log(
      `crash keychain test: ${KILLS} kills, ${added} adds, ${expected.length} servers kept, ` +
        `${orphans} orphaned entries found at the starts, 0 left after the last`,
    )
  }, 300_000)
})
