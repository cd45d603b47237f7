import { createRequire } from 'node:module'
import { resolve } from 'node:path'
import type { Configuration } from 'electron-builder'

// electron-builder's own machinery, loaded the way `electron-builder` itself loads it, so these tests
// judge the configuration exactly as `npm run dist` would (including `extends`), without the Electron
// binary or the network. The functions are reached through app-builder-lib, the library the CLI wraps,
// and every module is resolved from there so the versions are the ones the CLI uses.

export const projectDir = resolve(import.meta.dirname, '../..')
export const RELEASE_CONFIG = 'electron-builder.yml'
export const TEST_BUILD_CONFIG = 'electron-builder.test-build.yml'

const fromBuilder = createRequire(
  createRequire(resolve(projectDir, 'package.json')).resolve('electron-builder'),
)
/** Requires a module the way app-builder-lib would find it (paths starting with ./ are inside it). */
export const requireFromBuilderLib = createRequire(fromBuilder.resolve('app-builder-lib/package.json'))

type ConfigModule = {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<Configuration>
  validateConfiguration(config: Configuration, debugLogger: unknown): Promise<void>
}
const configModule = requireFromBuilderLib('./out/util/config/config') as ConfigModule
const { DebugLogger } = requireFromBuilderLib('builder-util') as {
  DebugLogger: new (enabled: boolean) => unknown
}
const { PlatformPackager } = requireFromBuilderLib('./') as {
  PlatformPackager: { prototype: { generateFuseConfig(fuses: unknown): Promise<Record<string, unknown>> } }
}
const { FuseV1Options } = requireFromBuilderLib('@electron/fuses') as {
  FuseV1Options: Record<number, string>
}

/** The configuration as electron-builder resolves it from the file (parents merged). */
export function loadConfig(file: string): Promise<Configuration> {
  return configModule.getConfig(projectDir, file, null)
}

/** electron-builder's own validation against its JSON schema; rejects with its message. */
export function validateConfig(config: Configuration): Promise<void> {
  return configModule.validateConfiguration(config, new DebugLogger(false))
}

/**
 * The fuse wire electron-builder would flip into the binary for this configuration, keyed by Electron's
 * fuse names (RunAsNode, …): it is electron-builder's own translation, so a key it ignores is missing here.
 */
export async function fuseWire(config: Configuration): Promise<Record<string, boolean>> {
  // generateFuseConfig is private in the typings but uses nothing of the packager instance; it is the
  // one place that maps the configuration's keys to @electron/fuses' wire.
  const wire = await PlatformPackager.prototype.generateFuseConfig(config.electronFuses ?? {})
  const named: Record<string, boolean> = {}
  for (const [key, value] of Object.entries(wire)) {
    const name = FuseV1Options[Number(key)]
    if (name !== undefined && typeof value === 'boolean') named[name] = value
  }
  return named
}

/** Every fuse this Electron's @electron/fuses knows (V1 wire). */
export function knownFuseNames(): string[] {
  return Object.values(FuseV1Options).filter((value): value is string => typeof value === 'string')
}
