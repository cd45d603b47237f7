import { spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  formatProblems,
  gatherFacts,
  isOnPath,
  planTestRun,
  probeKeychain,
  type MachineFacts,
} from '../../scripts/test-preflight.mjs'

// `npm test` checks the machine first (scripts/run-tests.mjs + test-preflight.mjs): the decision over
// given facts, then the real probe (a child process calling keytar) against this machine, a broken bus
// and small stand-in keytar packages in a temp folder. The "ok" case expects a working Secret Service,
// which `npm test` provides on Linux (it re-runs itself in scripts/with-keyring.sh when there is none).

const projectDir = resolve('.')
const linux = process.platform === 'linux'
let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tokendesk-preflight-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function facts(overrides: Partial<MachineFacts> = {}): MachineFacts {
  return {
    platform: 'linux',
    inKeyring: false,
    busAddress: 'unix:path=/run/user/1000/bus',
    chromium: { path: '/usr/bin/chromium', found: true },
    keychain: { status: 'ok', detail: '' },
    commands: { 'gnome-keyring-daemon': true, 'dbus-run-session': true, 'dbus-send': true },
    ...overrides,
  }
}

const noKeychain = { status: 'no-answer', detail: 'Cannot autolaunch D-Bus without X11 $DISPLAY' } as const
const noKeyringTools = { 'gnome-keyring-daemon': false, 'dbus-run-session': false, 'dbus-send': false }

describe('planTestRun', () => {
  it('runs the tests right here when the keychain stores a secret', () => {
    expect(planTestRun(facts())).toEqual({ action: 'run' })
  })

  it('re-runs inside the throwaway keyring on Linux without a session bus', () => {
    expect(planTestRun(facts({ busAddress: '', keychain: noKeychain }))).toEqual({
      action: 'wrap',
      reason: 'DBUS_SESSION_BUS_ADDRESS is not set',
    })
  })

  it('re-runs inside the throwaway keyring when the bus has no Secret Service that stores', () => {
    const plan = planTestRun(
      facts({ keychain: { status: 'no-answer', detail: 'Object does not exist at path …/login' } }),
    )
    expect(plan).toEqual({ action: 'wrap', reason: expect.stringContaining('Object does not exist') })
  })

  it('names each keyring tool the wrapper needs and cannot find, with the install commands', () => {
    const plan = planTestRun(facts({ busAddress: '', keychain: noKeychain, commands: noKeyringTools }))
    expect(plan.action).toBe('stop')
    const text = plan.action === 'stop' ? formatProblems(plan.problems).join('\n') : ''
    expect(text).toContain('gnome-keyring-daemon')
    expect(text).toContain('dbus-run-session')
    expect(text).toContain('sudo apt-get install gnome-keyring dbus')
    expect(text).toContain('sudo dnf install gnome-keyring dbus-daemon dbus-tools')
  })

  it('does not ask for keyring tools when the desktop keychain works', () => {
    expect(planTestRun(facts({ commands: noKeyringTools }))).toEqual({ action: 'run' })
  })

  it('stops inside the wrapper when even the throwaway keyring does not answer (no loop)', () => {
    const plan = planTestRun(facts({ inKeyring: true, keychain: noKeychain }))
    expect(plan.action).toBe('stop')
  })

  it('puts Chromium and the keyring tools in one install command', () => {
    const plan = planTestRun(
      facts({
        chromium: { path: '/usr/bin/chromium', found: false },
        busAddress: '',
        keychain: noKeychain,
        commands: { ...noKeyringTools, 'dbus-send': true },
      }),
    )
    expect(plan.action === 'stop' && formatProblems(plan.problems)).toEqual([
      'npm test: missing before the tests can run:',
      '  - Chromium at /usr/bin/chromium (the end-to-end tests run in it; CHROMIUM_PATH picks another)',
      '  - gnome-keyring-daemon (no desktop keychain here, so the tests bring their own)',
      '  - dbus-run-session (no desktop keychain here, so the tests bring their own)',
      'Install:',
      '  Debian/Ubuntu:  sudo apt-get install chromium gnome-keyring dbus',
      '  Fedora:         sudo dnf install chromium gnome-keyring dbus-daemon',
    ])
  })

  it('names libsecret when keytar cannot load it', () => {
    const plan = planTestRun(
      facts({
        keychain: { status: 'no-libsecret', detail: 'libsecret-1.so.0: cannot open shared object file' },
      }),
    )
    expect(plan.action === 'stop' && formatProblems(plan.problems).join('\n')).toContain(
      'sudo apt-get install libsecret-1-0',
    )
  })

  it('asks to rebuild keytar when its native module was never built', () => {
    const plan = planTestRun(
      facts({
        keychain: { status: 'not-built', detail: "Cannot find module '../build/Release/keytar.node'" },
      }),
    )
    const text = plan.action === 'stop' ? formatProblems(plan.problems).join('\n') : ''
    expect(text).toContain('sudo apt-get install libsecret-1-dev pkg-config')
    expect(text).toContain('Then run:  npm rebuild keytar')
  })

  it('asks for npm install when keytar is not there at all', () => {
    const plan = planTestRun(
      facts({ keychain: { status: 'no-keytar', detail: "Cannot find module 'keytar'" } }),
    )
    expect(plan.action === 'stop' && formatProblems(plan.problems)).toEqual([
      'npm test: missing before the tests can run:',
      '  - the dependencies (keytar is not installed)',
      'Run:  npm install',
    ])
  })

  it('skips the keyring logic on macOS and Windows, and names no Linux packages there', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      expect(planTestRun(facts({ platform, busAddress: '', commands: noKeyringTools }))).toEqual({
        action: 'run',
      })
      const plan = planTestRun(facts({ platform, chromium: { path: '/usr/bin/chromium', found: false } }))
      const text = plan.action === 'stop' ? formatProblems(plan.problems).join('\n') : ''
      expect(text).toContain('CHROMIUM_PATH')
      expect(text).not.toContain('apt-get')
    }
  })
})

/** A stand-in `keytar` package in a temp project, as a broken install would leave it. */
async function fakeKeytar(source: string): Promise<string> {
  const packageDir = join(dir, 'node_modules', 'keytar')
  await mkdir(packageDir, { recursive: true })
  await writeFile(join(dir, 'package.json'), '{"name":"probe-target"}')
  await writeFile(join(packageDir, 'package.json'), '{"name":"keytar","main":"keytar.js"}')
  await writeFile(join(packageDir, 'keytar.js'), source)
  return dir
}

describe('probeKeychain (a real child process)', () => {
  it('loads keytar here', async () => {
    expect(await probeKeychain({ projectDir, loadOnly: true })).toEqual({ status: 'ok', detail: '' })
  })

  it.runIf(linux)('stores, reads and deletes a secret in the keychain these tests run with', async () => {
    expect(await probeKeychain({ projectDir })).toEqual({ status: 'ok', detail: '' })
  })

  it.runIf(linux)('reports no answer on a bus that does not exist, quickly', async () => {
    const started = Date.now()
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'no-bus')}` }
    expect(await probeKeychain({ projectDir, env })).toMatchObject({ status: 'no-answer' })
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it('tells a missing keytar, an unbuilt one and a missing libsecret apart', async () => {
    expect(await probeKeychain({ projectDir: dir, loadOnly: true })).toMatchObject({ status: 'no-keytar' })
    await fakeKeytar("module.exports = require('./build/Release/keytar.node')")
    expect(await probeKeychain({ projectDir: dir, loadOnly: true })).toMatchObject({ status: 'not-built' })
    await fakeKeytar(
      "throw new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory')",
    )
    expect(await probeKeychain({ projectDir: dir, loadOnly: true })).toMatchObject({ status: 'no-libsecret' })
  })

  it('gives up on a keychain that never answers', async () => {
    await fakeKeytar('module.exports = { setPassword: () => new Promise(() => setInterval(() => {}, 1000)) }')
    expect(await probeKeychain({ projectDir: dir, timeoutMs: 500 })).toEqual({
      status: 'no-answer',
      detail: 'no answer within 0.5 s',
    })
  })
})

describe('the machine facts and scripts/run-tests.mjs', () => {
  it('looks commands up on PATH and Chromium where the tests look for it', async () => {
    expect(isOnPath('node', process.env)).toBe(true)
    expect(isOnPath('no-such-command-tokendesk', process.env)).toBe(false)
    const gathered = await gatherFacts({
      projectDir,
      env: { ...process.env, CHROMIUM_PATH: join(dir, 'chromium') },
    })
    expect(gathered.chromium).toEqual({ path: join(dir, 'chromium'), found: false })
  })

  it('stops before the first step, naming what is missing', () => {
    const result = spawnSync(process.execPath, ['scripts/run-tests.mjs', 'typecheck'], {
      env: { ...process.env, CHROMIUM_PATH: join(dir, 'chromium') },
      encoding: 'utf8',
    })
    expect(result.status).toBe(1)
    expect(result.stderr).toContain(`Chromium at ${join(dir, 'chromium')}`)
    expect(result.stdout).not.toContain('typecheck')
  })
})
