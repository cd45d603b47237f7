import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

// Is the Electron runtime (the binary, not the npm package) on disk, and what do `npm start` / `npm run dev`
// do about it? Pure decisions over a folder and an environment, so tests can use a temp folder.
//
// The npm package `electron` ships no binary: its install script downloads one from GitHub and then writes
// `path.txt` (the executable's path inside `dist/`). When npm skipped that script (`--ignore-scripts`, an
// npm that does not allow it) or the download failed (offline, blocked), `require('electron')` tries to
// download again and throws "Electron failed to install correctly", and electron-vite stops with a bare
// "Electron uninstall" stack trace. We check the same files those two read, without requiring anything.

export const MIRROR_EXAMPLE = 'https://npmmirror.com/mirrors/electron/'

/**
 * Where the Electron executable is, or why it is not there.
 * @param {string} electronDir the `electron` package folder (node_modules/electron)
 * @param {NodeJS.ProcessEnv} env
 * @returns {{ found: true, executable: string } | { found: false, reason: 'no-package' | 'no-path-file' | 'no-executable' | 'bad-exec-path', expected: string }}
 */
export function findElectronRuntime(electronDir, env = process.env) {
  // electron-vite launches ELECTRON_EXEC_PATH as is when it is set, whatever path.txt says.
  const override = env.ELECTRON_EXEC_PATH
  if (override) {
    return existsSync(override)
      ? { found: true, executable: override }
      : { found: false, reason: 'bad-exec-path', expected: override }
  }
  if (!existsSync(join(electronDir, 'package.json'))) {
    return { found: false, reason: 'no-package', expected: electronDir }
  }
  // Same reads as node_modules/electron/index.js: path.txt as written (no trimming), then dist/<that>.
  const pathFile = join(electronDir, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : ''
  if (relative === '') return { found: false, reason: 'no-path-file', expected: pathFile }
  const executable = join(electronDir, 'dist', relative)
  return existsSync(executable)
    ? { found: true, executable }
    : { found: false, reason: 'no-executable', expected: executable }
}

/** The one line that says what is missing, with paths relative to the project when they are inside it. */
function whatIsMissing(runtime, projectDir) {
  const shown =
    runtime.expected.startsWith(projectDir + '/') || runtime.expected.startsWith(projectDir + '\\')
      ? runtime.expected.slice(projectDir.length + 1)
      : runtime.expected
  switch (runtime.reason) {
    case 'no-package':
      return `TokenDesk: the electron package is not installed (${shown} is missing).`
    case 'bad-exec-path':
      return `TokenDesk: ELECTRON_EXEC_PATH points at ${shown}, which does not exist.`
    case 'no-path-file':
      return `TokenDesk: the Electron runtime is not installed (${shown} is missing).`
    case 'no-executable':
      return `TokenDesk: the Electron runtime is incomplete (${shown} is missing).`
  }
}

/**
 * The shell line that downloads the runtime, optionally through a mirror. PowerShell on Windows (its
 * default shell); `VAR=value command` elsewhere.
 */
export function installCommand(platform, mirror) {
  const script =
    platform === 'win32' ? 'node node_modules\\electron\\install.js' : 'node node_modules/electron/install.js'
  if (!mirror) return script
  return platform === 'win32'
    ? `$env:ELECTRON_MIRROR="${mirror}"; ${script}`
    : `ELECTRON_MIRROR=${mirror} ${script}`
}

/**
 * A few plain lines: what is missing and how to get it. No stack trace: this is a setup step, not a bug.
 * @param {ReturnType<typeof findElectronRuntime>} runtime a `found: false` result
 */
export function explainMissingRuntime(runtime, { projectDir, platform = process.platform }) {
  const lines = [whatIsMissing(runtime, projectDir)]
  if (runtime.reason === 'no-package') {
    lines.push('Install the dependencies first:  npm install')
    return lines
  }
  if (runtime.reason === 'bad-exec-path') {
    lines.push('Point it at an Electron executable, or unset it to use the one in node_modules/electron.')
    return lines
  }
  lines.push(
    "Without it the desktop app cannot start. npm skipped Electron's install script or its download failed.",
    `Download it:  ${installCommand(platform, '')}`,
    'Blocked or slow (common in mainland China)? Download through a mirror:',
    `  ${installCommand(platform, MIRROR_EXAMPLE)}`,
  )
  return lines
}

/**
 * What to run for `npm start` (mode 'start', after the build) or `npm run dev` (mode 'dev').
 * `args` are the words after `npm start --`; they reach the app either way:
 * - electron-vite passes everything after its own `--` to Electron (it stores them in ELECTRON_CLI_ARGS
 *   and spawns `electron . ...args`), so `--demo` shows up in the main process's process.argv;
 * - the browser host gets them as its own command-line options.
 * @returns {{ kind: 'electron' | 'browser-host' | 'explain-and-fail', command: string[], notice: string[] }}
 */
export function planLaunch({
  mode,
  runtime,
  args,
  projectDir,
  electronViteCli,
  platform = process.platform,
}) {
  const forwarded = args.length > 0 ? ['--', ...args] : []
  if (runtime.found) {
    // `npm start` has just built, so preview skips electron-vite's second build.
    const command =
      mode === 'dev'
        ? [electronViteCli, 'dev', ...forwarded]
        : [electronViteCli, 'preview', '--skipBuild', ...forwarded]
    return { kind: 'electron', command, notice: [] }
  }
  const explanation = explainMissingRuntime(runtime, { projectDir, platform })
  if (mode === 'dev') {
    // Hot reload is about the Electron window; quietly serving something else would hide the problem.
    return {
      kind: 'explain-and-fail',
      command: [],
      notice: [
        ...explanation,
        '`npm run dev` needs it; meanwhile `npm start` or `npm run web` runs the app in your browser.',
      ],
    }
  }
  return {
    kind: 'browser-host',
    command: [join(projectDir, 'out', 'main', 'web.js'), ...args],
    notice: [
      ...explanation,
      'Starting the browser host instead (the same app, in your browser); its address follows.',
    ],
  }
}
