// Child process of test-preflight.mjs (a child, so a keychain call that hangs can be killed, and a native
// module that fails to load cannot take the caller down). Answers one JSON line on stdout:
// {"status": "ok" | "no-keytar" | "not-built" | "no-libsecret" | "load-failed" | "no-answer", "detail": "..."}
// Usage: node keychain-probe.mjs <project dir> [--load-only]
import { createRequire } from 'node:module'
import { join } from 'node:path'

const [projectDir, mode] = process.argv.slice(2)

function report(status, detail = '') {
  process.stdout.write(`${JSON.stringify({ status, detail })}\n`)
  process.exit(0)
}

/** Which setup step a failed `require('keytar')` points at. */
function loadFailure(error) {
  const message = String(error && error.message).split('\n')[0]
  if (message.includes('keytar.node')) return ['not-built', message]
  if (message.includes('libsecret')) return ['no-libsecret', message]
  if (error && error.code === 'MODULE_NOT_FOUND') return ['no-keytar', message]
  return ['load-failed', message]
}

let keytar
try {
  keytar = createRequire(join(projectDir, 'package.json'))('keytar')
} catch (error) {
  report(...loadFailure(error))
}
if (mode === '--load-only') report('ok')

// A write, not a lookup: a Secret Service can answer lookups yet refuse to store (a gnome-keyring started
// by D-Bus activation, with no unlocked collection, says "Object does not exist at path …/collection/login").
// The tests store secrets, so this stores one too, under a name of its own, and removes it.
const service = `TokenDesk-preflight-probe-${process.pid}`
async function roundTrip() {
  try {
    await keytar.setPassword(service, 'probe', 'probe')
    if ((await keytar.getPassword(service, 'probe')) !== 'probe') {
      throw new Error('the keychain did not return what was stored')
    }
  } finally {
    await keytar.deletePassword(service, 'probe').catch(() => false)
  }
}
roundTrip().then(
  () => report('ok'),
  (error) => report('no-answer', String(error && error.message).split('\n')[0]),
)
