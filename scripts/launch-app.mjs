#!/usr/bin/env node
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { findElectronRuntime, planLaunch } from './electron-runtime.mjs'

// `npm start` (after its build) and `npm run dev`: launch the desktop app through electron-vite when the
// Electron runtime is on disk. When it is not, say so in a few lines; `npm start` then runs the browser
// host (the same app core, in a browser), `npm run dev` stops. Usage: launch-app.mjs start|dev [args...]

const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const requireFromProject = createRequire(join(projectDir, 'package.json'))

/** A dependency's folder, found without loading it (`require('electron')` would start a download). */
function packageDir(name) {
  try {
    return dirname(requireFromProject.resolve(`${name}/package.json`))
  } catch {
    return join(projectDir, 'node_modules', name)
  }
}

/** electron-vite's CLI file, run with this Node so it works the same on Windows (no .cmd shims). */
function electronViteCli() {
  const dir = packageDir('electron-vite')
  const { bin } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  return join(dir, typeof bin === 'string' ? bin : bin['electron-vite'])
}

/** Runs `node <command...>` in the foreground and ends this process the way the child ended. */
function runInForeground(command) {
  const child = spawn(process.execPath, command, { stdio: 'inherit', cwd: projectDir })
  // Ctrl+C in a terminal reaches the whole foreground group, the child included: relaying it too would be
  // a second Ctrl+C, which the browser host takes as "stop now, skip the clean shutdown". So only stay
  // alive until the child is done. A SIGTERM or SIGHUP sent to this process alone is passed on.
  process.on('SIGINT', () => {})
  for (const signal of ['SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
    })
  }
  child.on('error', (error) => {
    console.error(`TokenDesk: could not run ${command[0]}: ${error.message}`)
    process.exit(1)
  })
  child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
}

function main() {
  const [mode, ...args] = process.argv.slice(2)
  if (mode !== 'start' && mode !== 'dev') {
    console.error('Usage: node scripts/launch-app.mjs start|dev [arguments for the app...]')
    process.exit(2)
  }
  const runtime = findElectronRuntime(packageDir('electron'))
  const plan = planLaunch({ mode, runtime, args, projectDir, electronViteCli: electronViteCli() })
  if (plan.kind === 'explain-and-fail') {
    console.error(plan.notice.join('\n'))
    process.exit(1)
  }
  if (plan.notice.length > 0) console.log(plan.notice.join('\n') + '\n')
  runInForeground(plan.command)
}

main()
