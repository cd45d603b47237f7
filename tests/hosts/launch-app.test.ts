import { execFileSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  explainMissingRuntime,
  findElectronRuntime,
  installCommand,
  planLaunch,
  type ElectronRuntime,
} from '../../scripts/electron-runtime.mjs'

// `npm start` / `npm run dev` (scripts/launch-app.mjs): finding the Electron runtime the way Electron's
// own index.js does, on a temp folder with and without its files; what runs in each case; and the script
// for real, with electron-vite passing `npm start -- <args>` to an executable standing in for Electron,
// and falling back to the browser host.

const projectDir = resolve('.')
const launcher = resolve('scripts/launch-app.mjs')
const electronViteCli = '/project/node_modules/electron-vite/bin/electron-vite.js'
let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tokendesk-launch-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** An `electron` package folder as npm leaves it, before or after the install script's download. */
async function electronPackage(files: { pathTxt?: string; executable?: string }): Promise<string> {
  const packageDir = join(dir, 'node_modules', 'electron')
  await mkdir(join(packageDir, 'dist'), { recursive: true })
  await writeFile(join(packageDir, 'package.json'), '{"name":"electron","version":"45.5.0"}')
  if (files.pathTxt !== undefined) await writeFile(join(packageDir, 'path.txt'), files.pathTxt)
  if (files.executable !== undefined) await writeFile(join(packageDir, 'dist', files.executable), '')
  return packageDir
}

describe('findElectronRuntime', () => {
  it('finds dist/<path.txt>, as Electron resolves it', async () => {
    const packageDir = await electronPackage({ pathTxt: 'electron', executable: 'electron' })
    expect(findElectronRuntime(packageDir, {})).toEqual({
      found: true,
      executable: join(packageDir, 'dist', 'electron'),
    })
  })

  it('reports a missing path.txt (install script skipped or its download failed)', async () => {
    const packageDir = await electronPackage({})
    expect(findElectronRuntime(packageDir, {})).toEqual({
      found: false,
      reason: 'no-path-file',
      expected: join(packageDir, 'path.txt'),
    })
  })

  it('treats an empty path.txt as missing, as Electron does', async () => {
    const packageDir = await electronPackage({ pathTxt: '' })
    expect(findElectronRuntime(packageDir, {})).toMatchObject({ found: false, reason: 'no-path-file' })
  })

  it('reports a path.txt whose executable is gone (an interrupted extraction)', async () => {
    const packageDir = await electronPackage({ pathTxt: 'electron' })
    expect(findElectronRuntime(packageDir, {})).toEqual({
      found: false,
      reason: 'no-executable',
      expected: join(packageDir, 'dist', 'electron'),
    })
  })

  it('reports a missing electron package', () => {
    expect(findElectronRuntime(join(dir, 'nowhere'), {})).toMatchObject({
      found: false,
      reason: 'no-package',
    })
  })

  it('follows ELECTRON_EXEC_PATH first, as electron-vite does', async () => {
    const packageDir = await electronPackage({})
    const custom = join(dir, 'my-electron')
    await writeFile(custom, '')
    expect(findElectronRuntime(packageDir, { ELECTRON_EXEC_PATH: custom })).toEqual({
      found: true,
      executable: custom,
    })
    expect(findElectronRuntime(packageDir, { ELECTRON_EXEC_PATH: join(dir, 'gone') })).toMatchObject({
      found: false,
      reason: 'bad-exec-path',
    })
  })
})

describe('planLaunch', () => {
  const found: ElectronRuntime = { found: true, executable: '/x/electron' }
  const missing: ElectronRuntime = {
    found: false,
    reason: 'no-path-file',
    expected: join(projectDir, 'node_modules', 'electron', 'path.txt'),
  }

  it('npm start: previews the fresh build, with the arguments after electron-vite `--` (they reach Electron)', () => {
    const plan = planLaunch({ mode: 'start', runtime: found, args: ['--demo'], projectDir, electronViteCli })
    expect(plan).toEqual({
      kind: 'electron',
      command: [electronViteCli, 'preview', '--skipBuild', '--', '--demo'],
      notice: [],
    })
    expect(
      planLaunch({ mode: 'start', runtime: found, args: [], projectDir, electronViteCli }).command,
    ).toEqual([electronViteCli, 'preview', '--skipBuild'])
  })

  it('npm run dev: electron-vite dev, arguments to the app', () => {
    expect(
      planLaunch({ mode: 'dev', runtime: found, args: ['--demo'], projectDir, electronViteCli }).command,
    ).toEqual([electronViteCli, 'dev', '--', '--demo'])
  })

  it('npm start without the runtime: explains, then runs the browser host with the same arguments', () => {
    const plan = planLaunch({
      mode: 'start',
      runtime: missing,
      args: ['--demo'],
      projectDir,
      electronViteCli,
      platform: 'linux',
    })
    expect(plan.kind).toBe('browser-host')
    expect(plan.command).toEqual([join(projectDir, 'out', 'main', 'web.js'), '--demo'])
    const text = plan.notice.join('\n')
    expect(text).toContain('node_modules/electron/path.txt is missing')
    expect(text).toContain('node node_modules/electron/install.js')
    expect(text).toContain(
      'ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ node node_modules/electron/install.js',
    )
    expect(text).toMatch(/browser host instead/)
    expect(plan.notice.length).toBeLessThanOrEqual(7)
    expect(text).not.toMatch(/\n\s+at /) // no stack trace
  })

  it('npm run dev without the runtime: explains and stops', () => {
    const plan = planLaunch({
      mode: 'dev',
      runtime: missing,
      args: [],
      projectDir,
      electronViteCli,
      platform: 'linux',
    })
    expect(plan.kind).toBe('explain-and-fail')
    expect(plan.command).toEqual([])
    expect(plan.notice.join('\n')).toContain('ELECTRON_MIRROR=')
  })

  it('names the fix in the shell a Windows user has (PowerShell)', () => {
    expect(installCommand('win32', 'https://m/')).toBe(
      '$env:ELECTRON_MIRROR="https://m/"; node node_modules\\electron\\install.js',
    )
    expect(
      explainMissingRuntime(missing as ElectronRuntime & { found: false }, { projectDir, platform: 'win32' }),
    ).toContain(
      '  $env:ELECTRON_MIRROR="https://npmmirror.com/mirrors/electron/"; node node_modules\\electron\\install.js',
    )
  })
})

/** Runs the launcher until `done(output)` is true or it exits; returns the output and exit code. */
function runLauncher(
  args: string[],
  env: NodeJS.ProcessEnv,
  done: (output: string) => boolean,
): Promise<{
  output: string
  code: number | null
  stop: () => Promise<{ code: number | null; output: string }>
}> {
  const child = spawn(process.execPath, [launcher, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)))
  // Everything printed up to the exit, shutdown messages included.
  const stop = async (): Promise<{ code: number | null; output: string }> => {
    if (child.exitCode === null) child.kill('SIGTERM')
    return { code: await exited, output }
  }
  return new Promise((settle, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      fail(new Error(`timed out:\n${output}`))
    }, 30_000)
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      if (done(output)) {
        clearTimeout(timer)
        settle({ output, code: null, stop })
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    void exited.then((code) => {
      clearTimeout(timer)
      settle({ output, code, stop })
    })
  })
}

describe('scripts/launch-app.mjs, run for real', () => {
  it.runIf(process.platform !== 'win32')(
    'npm start -- --demo: electron-vite passes the arguments to Electron',
    async () => {
      // A stand-in for the Electron executable that records its argv; electron-vite runs ELECTRON_EXEC_PATH.
      const argvFile = join(dir, 'argv.json')
      const fakeElectron = join(dir, 'electron')
      await writeFile(
        fakeElectron,
        `#!${process.execPath}\nrequire('node:fs').writeFileSync(${JSON.stringify(argvFile)}, JSON.stringify(process.argv.slice(2)))\n`,
      )
      await chmod(fakeElectron, 0o755)
      // ELECTRON_ENTRY only skips electron-vite's check that out/main/index.js is built; it still runs `electron .`.
      const env = { ...process.env, ELECTRON_EXEC_PATH: fakeElectron, ELECTRON_ENTRY: '.' }
      const run = await runLauncher(['start', '--demo', 'two words'], env, () => false)
      expect(run.code, run.output).toBe(0)
      expect(JSON.parse(await readFile(argvFile, 'utf8'))).toEqual(['.', '--demo', 'two words'])
    },
  )

  it('npm run dev without the runtime: a few plain lines and a non-zero exit', async () => {
    const env = { ...process.env, ELECTRON_EXEC_PATH: join(dir, 'no-electron-here') }
    const run = await runLauncher(['dev'], env, () => false)
    expect(run.code).toBe(1)
    expect(run.output).toContain('ELECTRON_EXEC_PATH points at')
    expect(run.output).not.toMatch(/\n\s+at /)
  })

  it('npm start without the runtime: explains, starts the browser host with the arguments, stops on SIGTERM', async () => {
    if (!existsSync('out/main/web.js')) execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' })
    const env = { ...process.env, ELECTRON_EXEC_PATH: join(dir, 'no-electron-here') }
    const args = [
      'start',
      '--port',
      '0',
      '--data-dir',
      join(dir, 'data'),
      '--keychain-service',
      'TokenDesk-test-launch',
    ]
    const run = await runLauncher(args, env, (output) => /TokenDesk web host: \S+/.test(output))
    // Stopped as soon as the address shows, as a script waiting for it would: the host must already
    // take SIGTERM as a clean shutdown then, not die of it.
    const stopped = await run.stop()
    expect(stopped.output).toMatch(/ELECTRON_EXEC_PATH points at .*\n.*\nStarting the browser host instead/)
    expect(stopped.output).toMatch(/TokenDesk web host: http:\/\/127\.0\.0\.1:\d+\/#/)
    expect(stopped.output).toContain('TokenDesk: stopping the web host (SIGTERM)')
    expect(stopped.code, stopped.output).toBe(0)
  }, 120_000)
})
