import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Arch, Platform, build } from 'electron-builder'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RELEASE_CONFIG, projectDir, requireFromBuilderLib } from './builder-config'
import { readmeFuseTable } from './readme-fuse-table'
import { FUSE_ON, writeStandInElectron } from './stand-in-electron'

// electron-builder packages the built app for real (Linux, unpacked), with a stand-in for the Electron
// binary that carries a real fuse wire (stand-in-electron.ts): what lands in app.asar, what stays
// outside it, and which fuses end up flipped are then facts about a package, not about a config file.
// Needs `npm run build` first (npm test builds before the unit tests); no network, no native rebuild.
// Only the release build is packed (about 13 s); the test build's difference is checked on its config.

type Asar = {
  listPackage(archive: string, options: { isPack: boolean }): string[]
  statFile(archive: string, file: string): { unpacked?: boolean }
}
const asar = requireFromBuilderLib('@electron/asar') as Asar
const fuses = requireFromBuilderLib('@electron/fuses') as {
  getCurrentFuseWire(binary: string): Promise<Record<string, unknown>>
  FuseV1Options: Record<number, string>
}

const packageJson = JSON.parse(readFileSync(resolve(projectDir, 'package.json'), 'utf8')) as {
  main: string
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}

type Packed = { resources: string; binary: string }

async function pack(configFile: string, workDir: string, name: string): Promise<Packed> {
  const output = join(workDir, name)
  await build({
    projectDir,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    publish: 'never',
    config: {
      // Read as a config path by electron-builder; the rest is laid over that file.
      extends: configFile,
      electronDist: await writeStandInElectron(join(workDir, `electron-${name}`)),
      // Rebuilding keytar for Electron downloads Electron's headers; the module is N-API anyway.
      npmRebuild: false,
      directories: { output },
    },
  })
  const appDir = join(output, 'linux-unpacked')
  return { resources: join(appDir, 'resources'), binary: join(appDir, 'tokendesk') }
}

async function fuseStates(binary: string): Promise<Record<string, boolean>> {
  const wire = await fuses.getCurrentFuseWire(binary)
  const states: Record<string, boolean> = {}
  for (const [index, state] of Object.entries(wire)) {
    const name = fuses.FuseV1Options[Number(index)]
    if (name !== undefined) states[name] = state === FUSE_ON
  }
  return states
}

function readmeReleaseColumn(): Record<string, boolean> {
  return Object.fromEntries(readmeFuseTable().map((row) => [row.fuse, row.release]))
}

describe('packaged app (electron-builder, Linux unpacked)', () => {
  let workDir = ''
  let release: Packed
  let entries: string[] = []

  beforeAll(async () => {
    if (!existsSync(resolve(projectDir, packageJson.main)))
      throw new Error('run `npm run build` first: the packaging test packs the built app in out/')
    workDir = await mkdtemp(join(tmpdir(), 'tokendesk-pack-'))
    release = await pack(RELEASE_CONFIG, workDir, 'release')
    entries = asar
      .listPackage(join(release.resources, 'app.asar'), { isPack: false })
      .map((entry) => entry.split('\\').join('/').replace(/^\//, ''))
  }, 240_000)

  afterAll(async () => {
    if (workDir) await rm(workDir, { recursive: true, force: true })
  })

  it('the release binary has the fuses the README states', async () => {
    expect(await fuseStates(release.binary)).toEqual(readmeReleaseColumn())
  })

  it('app.asar holds the built app and package.json pointing at its main file', () => {
    for (const file of [
      'package.json',
      packageJson.main.replace(/^\.\//, ''),
      'out/preload/index.cjs',
      'out/renderer/index.html',
    ])
      expect(entries, file).toContain(file)
    expect(entries.filter((entry) => /^(src|tests|e2e|build|scripts)\//.test(entry))).toEqual([])
  })

  it('holds every file the built main process loads from resources/ (the tray icon)', () => {
    const main = readFileSync(resolve(projectDir, packageJson.main), 'utf8')
    const used = [...main.matchAll(/"\.\.\/\.\.\/(resources\/[^"]+)"/g)].map((match) => match[1]!)
    expect(used).toEqual(expect.arrayContaining(['resources/tray-icon.png', 'resources/tray-icon@2x.png']))
    for (const file of used) expect(entries, file).toContain(file)
  })

  it('ships every production dependency and no development one', () => {
    const modules = new Set(
      entries
        .filter((entry) => entry.startsWith('node_modules/'))
        .map((entry) =>
          entry
            .split('/')
            .slice(1, entry.startsWith('node_modules/@') ? 3 : 2)
            .join('/'),
        ),
    )
    for (const name of Object.keys(packageJson.dependencies)) expect(modules.has(name), name).toBe(true)
    for (const name of Object.keys(packageJson.devDependencies)) expect(modules.has(name), name).toBe(false)
  })

  it('keytar’s native module is a real file beside app.asar, where Electron loads it from', () => {
    const native = entries.filter(
      (entry) => entry.startsWith('node_modules/keytar/') && entry.endsWith('.node'),
    )
    expect(native.length).toBeGreaterThan(0)
    for (const entry of native) {
      expect(asar.statFile(join(release.resources, 'app.asar'), entry).unpacked, entry).toBe(true)
      expect(existsSync(join(release.resources, 'app.asar.unpacked', entry)), entry).toBe(true)
    }
  })
})
