#!/usr/bin/env node
import { spawn } from 'node:child_process'
import { rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { formatProblems, gatherFacts, planTestRun } from './test-preflight.mjs'

// `npm test`: checks the machine (test-preflight.mjs), then runs the npm scripts named on the command line
// one after the other, stopping at the first failure, as `npm run a && npm run b && ...` would. On Linux
// without a working Secret Service it re-runs itself inside scripts/with-keyring.sh instead, so the one
// command works on a desktop, in a container and in CI alike. Usage: run-tests.mjs <npm script>...

const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..')
/** Where `npm test` gathers the logs it produces (package.json's test:logs reads the same folder). */
const SUITE_LOG_DIR = 'test-logs'

/** The npm that started us (npm sets npm_execpath), run with this Node; plain `npm` otherwise. */
function npmCommand(args) {
  const npmCli = process.env.npm_execpath
  if (npmCli && /\.c?js$/.test(npmCli)) return [process.execPath, [npmCli, ...args]]
  return [process.platform === 'win32' ? 'npm.cmd' : 'npm', args]
}

/** Runs a command with the terminal attached; resolves to its exit code (1 when a signal ended it). */
function run([command, args]) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', cwd: projectDir, shell: command.endsWith('.cmd') })
    child.on('error', (error) => {
      console.error(`npm test: could not run ${command}: ${error.message}`)
      resolve(1)
    })
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

async function main() {
  const steps = process.argv.slice(2)
  if (steps.length === 0) {
    console.error('Usage: node scripts/run-tests.mjs <npm script>...')
    return 2
  }
  const plan = planTestRun(await gatherFacts({ projectDir }))
  if (plan.action === 'stop') {
    console.error(formatProblems(plan.problems).join('\n'))
    return 1
  }
  if (plan.action === 'wrap') {
    console.log(`npm test: no desktop keychain (${plan.reason});`)
    console.log('npm test: running again inside a throwaway GNOME Keyring (scripts/with-keyring.sh).')
    // This same script with the same steps; the wrapper sets TOKENDESK_IN_KEYRING=1, so it runs them then.
    const self = [process.execPath, fileURLToPath(import.meta.url), ...steps]
    return run([join(projectDir, 'scripts', 'with-keyring.sh'), self])
  }
  // Every log the suite's cores write lands in one folder (one subfolder per data folder), which the
  // test:logs step reads back line by line for secrets (check-suite-logs.mjs). Emptied first: only this
  // run's lines count.
  process.env.TOKENDESK_LOG_DIR = join(projectDir, SUITE_LOG_DIR)
  await rm(process.env.TOKENDESK_LOG_DIR, { recursive: true, force: true })
  for (const step of steps) {
    const code = await run(npmCommand(['run', step]))
    if (code !== 0) return code
  }
  return 0
}

process.exitCode = await main()
