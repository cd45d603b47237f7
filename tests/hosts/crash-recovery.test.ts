import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import keytar from 'keytar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startWebHost, type WebHostProcess } from '../../e2e/fixtures/web-host-process'
import { callHost } from './host-call'
import { outboxSchema } from '../../src/main/core/drafts/outbox'
import { serverFolder } from '../../src/main/core/storage/server-folder'
import { startSandbox, type SandboxGateway } from '../../src/sandbox/index'
import type { DraftView } from '../../src/shared/domain/draft'
import { type Token } from '../../src/shared/domain/token'
import { editableOf } from '../../src/shared/domain/token-values'

// Crashes lose nothing: the real browser host (the built out/main/web.js, the real core, its files, the
// keychain) is killed with SIGKILL at random moments while drafts are being written and synced — 50
// times — and started again. Afterwards no draft the app acknowledged is lost, no data file is damaged,
// no quota change is applied twice and no token is created twice.
//
// Quota changes are "add" intents of distinct powers of three per token: the final quota minus the
// starting one, written in base 3, says how often each change landed (a 2 would be a double).

const KILLS = 50
const webJs = resolve('out/main/web.js')

let sandbox: SandboxGateway
let dataDir: string
/** Tokens the quota changes go to: enough of them that the powers of three stay within the quota range. */
let addTokens: number[] = []
/** Writes the host answered with a refusal (not a crash): there must be none. */
const refusals: unknown[] = []
const keychainService = `TokenDesk-crash-${randomUUID()}`

beforeAll(async () => {
  if (!existsSync(webJs)) execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' })
  // Latency keeps writes in flight long enough for the kills to land inside them.
  sandbox = await startSandbox({ latencyMs: 15, rateLimits: { global: false } })
  dataDir = await mkdtemp(join(tmpdir(), 'tokendesk-crash-'))
  addTokens = sandbox.control
    .tokens()
    .filter((t) => t.status === 1)
    .slice(0, 6)
    .map((t) => t.id)
}, 120_000)

afterAll(async () => {
  await sandbox.close()
  await rm(dataDir, { recursive: true, force: true })
  for (const credential of await keytar.findCredentials(keychainService)) {
    await keytar.deletePassword(keychainService, credential.account)
  }
})

const call = callHost

interface Op {
  kind: 'add' | 'create'
  token: number | null
  delta: number
  name: string
  acknowledged: boolean
}

const base = (id: number) => {
  const row = sandbox.control.token(id)!
  return { id, status: row.status, ...editableOf(row as Token) }
}

/** Fires writes at the host until it dies; records which ones it acknowledged. */
async function drive(
  host: WebHostProcess,
  profileId: string,
  ops: Op[],
  round: number,
  powers: Map<number, number>,
) {
  const started: Promise<void>[] = []
  for (let i = 0; i < 4; i += 1) {
    let op: Op
    if (i % 2 === 0) {
      const token = addTokens[(round * 2 + i / 2) % addTokens.length]!
      const power = powers.get(token) ?? 0
      powers.set(token, power + 1)
      op = { kind: 'add', token, delta: 3 ** power, name: '', acknowledged: false }
    } else {
      op = { kind: 'create', token: null, delta: 0, name: `crash-${round}-${i}`, acknowledged: false }
    }
    ops.push(op)
    const request =
      op.kind === 'add'
        ? call(host, 'drafts.save', {
            profileId,
            draftId: null,
            tokenId: op.token,
            base: base(op.token!),
            changes: {},
            quota: { mode: 'add', delta: op.delta },
            wantStatus: null,
            mode: 'queue',
          })
        : call(host, 'drafts.create', {
            profileId,
            draftId: null,
            fields: {
              name: op.name,
              expired_time: -1,
              unlimited_quota: true,
              model_limits_enabled: false,
              model_limits: '',
              allow_ips: '',
              group: '',
            },
            remainQuota: 0,
            mode: 'queue',
          })
    started.push(
      request.then(
        (result) => {
          if (result.ok) op.acknowledged = true
          else refusals.push(result.error)
        },
        () => undefined, // the host died first: not acknowledged
      ),
    )
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 40))
  }
  return started
}

/** Resolves once `count` of a round's writes have been answered (or failed). */
function answered(pending: Promise<void>[], count: number): Promise<void> {
  let done = 0
  return new Promise((resolve) => {
    for (const write of pending) void write.then(() => (done += 1) >= count && resolve())
  })
}

describe('crashes', () => {
  it(`lose nothing and apply nothing twice, killed ${KILLS} times while writing and syncing`, async () => {
    let host = await startWebHost({ dataDir, keychainService })
    const added = await call<{ id: string }>(host, 'profiles.add', {
      name: 'Crash target',
      baseUrl: sandbox.baseUrl,
      userId: sandbox.userId,
      accessToken: sandbox.accessToken,
    })
    if (!added.ok) throw new Error(JSON.stringify(added.error))
    const profileId = added.value.id
    // The sandbox here sets no limit. At new-api's default pace (360 per 180 s) the last start, which
    // sends what 50 cut-short rounds left queued (a create takes three requests), may use up its window
    // and rightly wait up to three minutes before the last drafts go.
    const paced = await call(host, 'profiles.setPacing', {
      id: profileId,
      pacing: { requests: 100_000, windowSeconds: 180 },
    })
    if (!paced.ok) throw new Error(JSON.stringify(paced.error))
    const startQuota = new Map(addTokens.map((id) => [id, sandbox.control.token(id)!.remain_quota]))
    const ops: Op[] = []
    const powers = new Map<number, number>()

    for (let round = 0; round < KILLS; round += 1) {
      if (round > 0) host = await startWebHost({ dataDir, keychainService })
      const pending = await drive(host, profileId, ops, round, powers)
      // Somewhere in the middle of the writes and of the syncs they start: after 1 to 4 of the round's
      // writes were answered, then up to 100 ms more. Counted in answers, not milliseconds, so a slow or
      // busy machine cuts the same share of the writes short as a fast one.
      await answered(pending, 1 + Math.floor(Math.random() * 4))
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 100))
      await host.kill()
      await Promise.all(pending)
    }

    // A last start: everything queued goes out.
    host = await startWebHost({ dataDir, keychainService })
    try {
      let drafts: DraftView[] = []
      // Up to two minutes: drafts cut short mid-send are checked against the server before they go again,
      // at the server's pace, and a busy machine is slow at it.
      for (let wait = 0; wait < 1200; wait += 1) {
        const listed = await call<{ drafts: DraftView[] }>(host, 'drafts.list', { profileId })
        if (!listed.ok) throw new Error(JSON.stringify(listed.error))
        drafts = listed.value.drafts
        if (drafts.every((d) => d.state !== 'pending' && d.state !== 'syncing')) break
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      const notices = await call<unknown[]>(host, 'app.notices')
      expect(notices).toEqual({ ok: true, value: [] }) // no data file was damaged
      // The outbox on disk parses whole.
      const file = JSON.parse(await readFile(join(serverFolder(dataDir, profileId), 'outbox.json'), 'utf8'))
      expect(outboxSchema.safeParse(file).success).toBe(true)
      expect(drafts.filter((d) => d.state === 'pending' || d.state === 'syncing')).toEqual([])
      const stopped = drafts.filter((d) => d.state !== 'held')

      // Creates: never twice; an acknowledged one exists once, or still waits as a stopped draft.
      const names = sandbox.control.tokens().map((t) => t.name)
      for (const op of ops.filter((o) => o.kind === 'create')) {
        const made = names.filter((name) => name === op.name).length
        expect(made, op.name).toBeLessThanOrEqual(1)
        if (op.acknowledged && made === 0)
          expect(
            stopped.some((d) => d.changes.name === op.name),
            `${op.name} lost`,
          ).toBe(true)
      }

      // Quota changes: each landed at most once; an acknowledged one landed, or still waits.
      for (const token of addTokens) {
        let diff = sandbox.control.token(token)!.remain_quota - startQuota.get(token)!
        expect(diff, `token ${token}`).toBeGreaterThanOrEqual(0)
        const mine = ops.filter((o) => o.kind === 'add' && o.token === token)
        for (const op of [...mine].sort((a, b) => b.delta - a.delta)) {
          const times = Math.floor(diff / op.delta)
          diff -= times * op.delta
          expect(times, `token ${token}, change of ${op.delta}, landed`).toBeLessThanOrEqual(1)
          if (op.acknowledged && times === 0) {
            const waiting = stopped.some(
              (d) => d.tokenId === token && d.quota?.mode === 'add' && d.quota.delta === op.delta,
            )
            expect(waiting, `token ${token}: acknowledged change of ${op.delta} lost`).toBe(true)
          }
        }
        expect(diff, `token ${token}: an amount no change accounts for`).toBe(0)
      }
      expect(refusals).toEqual([])
      const acknowledged = ops.filter((o) => o.acknowledged).length
      // The run meant something: most writes were acknowledged, and some were cut short.
      expect(acknowledged).toBeGreaterThan(ops.length / 2)
      console.log(
        `crash test: ${KILLS} kills, ${ops.length} writes (${acknowledged} acknowledged), ` +
          `${stopped.length} stopped for the user, ${(await readdir(dataDir)).length} entries in the data folder`,
      )
    } finally {
      await host.stop()
    }
  }, 300_000)
})
