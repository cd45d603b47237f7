import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import type { Configuration } from 'electron-builder'
import { APP_ID } from '../../src/main/electron/app-identity'
import { describe, expect, it } from 'vitest'
import {
  RELEASE_CONFIG,
  TEST_BUILD_CONFIG,
  loadConfig,
  projectDir,
  requireFromBuilderLib,
  validateConfig,
} from './builder-config'

// What `npm run dist` would package, judged by electron-builder's own loader and schema (the Electron
// binary and the network are not needed for that; packaging itself is).

type Minimatch = (path: string, pattern: string, options?: { dot?: boolean }) => boolean
const { minimatch } = requireFromBuilderLib('minimatch') as { minimatch: Minimatch }
const plist = requireFromBuilderLib('plist') as { parse(xml: string): unknown }

const packageJson = JSON.parse(readFileSync(resolve(projectDir, 'package.json'), 'utf8')) as {
  main: string
  dependencies: Record<string, string>
}

function targetsOf(platform: { target?: unknown } | null | undefined): unknown {
  return platform?.target
}

function patterns(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap((entry) => patterns(entry))
  if (value && typeof value === 'object' && 'filter' in value) return patterns(value.filter)
  return []
}

function matchesAny(path: string, globs: string[]): boolean {
  return globs.some((glob) => minimatch(path, glob, { dot: true }))
}

function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith(suffix))
    .map((name) => join(dir, name))
}

/** Every dotted path at which two plain JSON values differ. */
function differences(a: unknown, b: unknown, path = ''): string[] {
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    return [...keys].flatMap((key) =>
      differences(
        (a as Record<string, unknown>)[key],
        (b as Record<string, unknown>)[key],
        path ? `${path}.${key}` : key,
      ),
    )
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [path]
}

describe('electron-builder configuration', () => {
  it.each([RELEASE_CONFIG, TEST_BUILD_CONFIG])(
    '%s passes electron-builder’s own validation',
    async (file) => {
      await expect(validateConfig(await loadConfig(file))).resolves.toBeUndefined()
    },
  )

  it('the validation used here rejects what electron-builder would reject', async () => {
    const config = await loadConfig(RELEASE_CONFIG)
    const misspelt = {
      ...config,
      electronFuses: { ...config.electronFuses, runAsNod: false },
    } as Configuration
    await expect(validateConfig(misspelt)).rejects.toThrow(/configuration\.electronFuses/)
  })

  it('gives the installer the app id the app tells Windows, so its notifications are shown', async () => {
    const config = await loadConfig(RELEASE_CONFIG)
    expect(config.appId).toBe(APP_ID)
  })

  it('names the app TokenDesk and packs it into an asar archive', async () => {
    const config = await loadConfig(RELEASE_CONFIG)
    expect(config.productName).toBe('TokenDesk')
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/)
    expect(config.asar).toBe(true)
  })

  it('builds AppImage + deb, dmg + zip and an NSIS installer', async () => {
    const config = await loadConfig(RELEASE_CONFIG)
    expect(targetsOf(config.linux)).toEqual(['AppImage', 'deb'])
    expect(targetsOf(config.mac)).toEqual(['dmg', 'zip'])
    expect(targetsOf(config.win)).toEqual(['nsis'])
  })

  it('packs the built main process, preload and UI and nothing else of the sources', async () => {
    const files = patterns((await loadConfig(RELEASE_CONFIG)).files)
    for (const path of [
      'package.json',
      packageJson.main.replace(/^\.\//, ''),
      'out/preload/index.cjs',
      'out/renderer/index.html',
    ])
      expect(matchesAny(path, files), path).toBe(true)
    for (const path of [
      'src/main/electron/index.ts',
      'tests/packaging/fuses.test.ts',
      'build/icon.svg',
      '.env',
    ])
      expect(matchesAny(path, files), path).toBe(false)
  })

  it('ships keytar as a production dependency with its native module outside the asar archive', async () => {
    expect(packageJson.dependencies['keytar']).toBeDefined()
    const unpack = patterns((await loadConfig(RELEASE_CONFIG)).asarUnpack)
    const keytarDir = resolve(projectDir, 'node_modules/keytar')
    const natives = filesUnder(keytarDir, '.node').map((file) =>
      relative(projectDir, file).split('\\').join('/'),
    )
    // CI builds keytar (npm rebuild keytar) before the tests, so its module is on disk here.
    expect(natives.length).toBeGreaterThan(0)
    for (const native of natives) expect(matchesAny(native, unpack), native).toBe(true)
    expect(matchesAny('node_modules/keytar/lib/keytar.js', unpack)).toBe(false)
  })

  it('signs macOS builds with the hardened runtime and the entitlements in build/', async () => {
    const mac = (await loadConfig(RELEASE_CONFIG)).mac
    expect(mac?.hardenedRuntime).toBe(true)
    for (const file of [mac?.entitlements, mac?.entitlementsInherit]) {
      expect(file).toBe('build/entitlements.mac.plist')
      const entitlements = plist.parse(readFileSync(resolve(projectDir, file as string), 'utf8'))
      // Electron's V8 needs JIT under the hardened runtime; nothing beyond it and network access.
      expect(entitlements).toEqual({
        'com.apple.security.cs.allow-jit': true,
        'com.apple.security.network.client': true,
      })
    }
  })

  it('gives the Debian package a maintainer and categories', async () => {
    const config = await loadConfig(RELEASE_CONFIG)
    expect(config.linux?.maintainer).toMatch(/^[^<>]+ <[^<>\s]+@[^<>\s]+>$/)
    expect(config.linux?.category).toBeTruthy()
    expect(config.deb?.packageCategory).toBeTruthy()
  })

  it('the test build differs from the release only in the inspector fuse and where it is written', async () => {
    const release = await loadConfig(RELEASE_CONFIG)
    const testBuild = await loadConfig(TEST_BUILD_CONFIG)
    const { extends: _parent, ...merged } = testBuild
    expect(differences(release, merged).sort()).toEqual([
      'directories.output',
      'electronFuses.enableNodeCliInspectArguments',
    ])
    expect(testBuild.directories?.output).not.toBe(release.directories?.output)
  })
})
