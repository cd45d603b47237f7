import { spawn } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

// What `npm test` checks before its first step, so a fresh machine learns in a few lines what to install
// instead of failing five minutes later deep inside a test:
// - Chromium: the end-to-end tests drive it (playwright.config.ts: CHROMIUM_PATH or /usr/bin/chromium);
// - keytar's native module loads (on Linux it links libsecret);
// - Linux only: a Secret Service that stores secrets. Without one (CI, containers, SSH sessions) the tests
//   run inside a throwaway GNOME Keyring (scripts/with-keyring.sh), which needs gnome-keyring-daemon,
//   dbus-run-session and dbus-send.
// Gathering the facts touches the machine; deciding from them is pure, so tests can feed it any machine.

const scriptsDir = dirname(fileURLToPath(import.meta.url))

export const DEFAULT_CHROMIUM = '/usr/bin/chromium'
export const PROBE_TIMEOUT_MS = 5000

/**
 * The commands scripts/with-keyring.sh runs, with the packages that provide them. apt's `dbus` brings
 * both D-Bus tools everywhere: Debian 12 and Ubuntu 24.04 split them into dbus-daemon and dbus-bin
 * (which `dbus` depends on), Ubuntu 22.04 has no such packages.
 */
export const KEYRING_COMMANDS = {
  'gnome-keyring-daemon': { apt: 'gnome-keyring', dnf: 'gnome-keyring' },
  'dbus-run-session': { apt: 'dbus', dnf: 'dbus-daemon' },
  'dbus-send': { apt: 'dbus', dnf: 'dbus-tools' },
}

/** True when `name` is an executable file in one of env.PATH's folders. */
export function isOnPath(name, env = process.env) {
  return (env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .some((dir) => isExecutable(join(dir, name)))
}

export function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * Runs keychain-probe.mjs: does keytar load, and (unless loadOnly) does a Secret Service store a secret?
 * A child process with a timeout, because a keychain that never answers would otherwise hang `npm test`.
 * @returns {Promise<{ status: string, detail: string }>}
 */
export function probeKeychain({
  projectDir,
  env = process.env,
  loadOnly = false,
  timeoutMs = PROBE_TIMEOUT_MS,
}) {
  const args = [join(scriptsDir, 'keychain-probe.mjs'), projectDir, ...(loadOnly ? ['--load-only'] : [])]
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    // gnome-keyring and D-Bus activation write warnings to stderr; the answer is the JSON line.
    child.stderr.resume()
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      resolve({ status: 'no-answer', detail: `no answer within ${timeoutMs / 1000} s` })
    }, timeoutMs)
    child.on('close', () => {
      clearTimeout(timer)
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop() ?? ''))
      } catch {
        resolve({ status: 'no-answer', detail: 'the keychain probe ended without an answer' })
      }
    })
  })
}

/** Everything planTestRun needs to know about this machine. */
export async function gatherFacts({ projectDir, env = process.env, platform = process.platform }) {
  const chromiumPath = env.CHROMIUM_PATH || DEFAULT_CHROMIUM
  const linux = platform === 'linux'
  return {
    platform,
    inKeyring: env.TOKENDESK_IN_KEYRING === '1',
    busAddress: env.DBUS_SESSION_BUS_ADDRESS ?? '',
    chromium: { path: chromiumPath, found: isExecutable(chromiumPath) },
    // macOS Keychain and Windows Credential Manager need no setup: only check that keytar loads there.
    keychain: await probeKeychain({ projectDir, env, loadOnly: !linux }),
    commands: Object.fromEntries(
      Object.keys(KEYRING_COMMANDS).map((name) => [name, linux && isOnPath(name, env)]),
    ),
  }
}

/** Why this machine needs the throwaway keyring, in words for the user. */
function noKeychainReason(facts) {
  return facts.busAddress === ''
    ? 'DBUS_SESSION_BUS_ADDRESS is not set'
    : `no Secret Service stored a test secret: ${facts.keychain.detail}`
}

/** Problems with keytar itself, whatever the keychain. */
function keytarProblems(facts) {
  const { status, detail } = facts.keychain
  const linux = facts.platform === 'linux'
  switch (status) {
    case 'no-keytar':
      return [{ what: 'the dependencies (keytar is not installed)', step: 'npm install' }]
    case 'no-libsecret':
      return [
        { what: `libsecret, which keytar links (${detail})`, apt: ['libsecret-1-0'], dnf: ['libsecret'] },
      ]
    case 'not-built':
    case 'load-failed':
      return [
        {
          what: `keytar's native module (${detail})`,
          ...(linux
            ? { apt: ['libsecret-1-dev', 'pkg-config'], dnf: ['libsecret-devel', 'pkgconf-pkg-config'] }
            : {}),
          step: 'npm rebuild keytar',
        },
      ]
    default:
      return []
  }
}

/**
 * The decision: run the steps here, re-run inside the throwaway keyring, or stop and name what is missing.
 * @returns {{ action: 'run' } | { action: 'wrap', reason: string } | { action: 'stop', problems: Array<{ what: string, apt?: string[], dnf?: string[], step?: string }> }}
 */
export function planTestRun(facts) {
  const problems = []
  if (!facts.chromium.found) {
    problems.push({
      what: `Chromium at ${facts.chromium.path} (the end-to-end tests run in it; CHROMIUM_PATH picks another)`,
      ...(facts.platform === 'linux' ? { apt: ['chromium'], dnf: ['chromium'] } : {}),
    })
  }
  problems.push(...keytarProblems(facts))
  let wrapReason = ''
  // 'no-answer' means keytar loaded but no Secret Service stored the probe's secret.
  if (facts.platform === 'linux' && facts.keychain.status === 'no-answer') {
    if (facts.inKeyring) {
      problems.push({
        what: `a working throwaway keyring (scripts/with-keyring.sh ran, but no secret could be stored: ${facts.keychain.detail})`,
      })
    } else {
      wrapReason = noKeychainReason(facts)
      for (const [command, packages] of Object.entries(KEYRING_COMMANDS)) {
        if (!facts.commands[command]) {
          problems.push({
            what: `${command} (no desktop keychain here, so the tests bring their own)`,
            apt: [packages.apt],
            dnf: [packages.dnf],
          })
        }
      }
    }
  }
  if (problems.length > 0) return { action: 'stop', problems }
  return wrapReason ? { action: 'wrap', reason: wrapReason } : { action: 'run' }
}

/** The stop message: what is missing, then one install command per package manager, then other steps. */
export function formatProblems(problems) {
  const lines = [
    'npm test: missing before the tests can run:',
    ...problems.map((problem) => `  - ${problem.what}`),
  ]
  const apt = [...new Set(problems.flatMap((problem) => problem.apt ?? []))]
  const dnf = [...new Set(problems.flatMap((problem) => problem.dnf ?? []))]
  if (apt.length > 0) {
    lines.push(
      'Install:',
      `  Debian/Ubuntu:  sudo apt-get install ${apt.join(' ')}`,
      `  Fedora:         sudo dnf install ${dnf.join(' ')}`,
    )
  }
  const steps = [...new Set(problems.flatMap((problem) => (problem.step ? [problem.step] : [])))]
  if (steps.length > 0) lines.push(`${apt.length > 0 ? 'Then run' : 'Run'}:  ${steps.join(' && ')}`)
  return lines
}
