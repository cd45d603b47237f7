import { describe, expect, it } from 'vitest'
import { resolveAppLocation } from '../../src/main/electron/trusted-url'
import { RELEASE_CONFIG, TEST_BUILD_CONFIG, fuseWire, knownFuseNames, loadConfig } from './builder-config'
import { parseFuseTable, readmeFuseTable } from './readme-fuse-table'

// The fuses electron-builder flips into the shipped binary are exactly those the README promises, read
// through electron-builder's own translation of the configuration (a misspelt key would be dropped there
// and show up here as a missing fuse).

function tableAs(column: 'release' | 'testBuild'): Record<string, boolean> {
  return Object.fromEntries(readmeFuseTable().map((row) => [row.fuse, row[column]]))
}

describe('Electron fuses', () => {
  it('README table names every fuse of this Electron once, each with a reason', () => {
    const rows = readmeFuseTable()
    expect(rows.map((row) => row.fuse).sort()).toEqual(knownFuseNames().sort())
    for (const row of rows) expect(row.why.length, row.fuse).toBeGreaterThan(20)
  })

  it('the release build sets exactly the README release column', async () => {
    expect(await fuseWire(await loadConfig(RELEASE_CONFIG))).toEqual(tableAs('release'))
  })

  it('the test build sets exactly the README test-build column', async () => {
    expect(await fuseWire(await loadConfig(TEST_BUILD_CONFIG))).toEqual(tableAs('testBuild'))
  })

  it('the release build closes every way to run foreign code in the main process', async () => {
    const wire = await fuseWire(await loadConfig(RELEASE_CONFIG))
    expect(wire).toMatchObject({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableCookieEncryption: true,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
    })
  })

  it('the test build reopens only the inspector Playwright drives the main process through', async () => {
    const release = await fuseWire(await loadConfig(RELEASE_CONFIG))
    const testBuild = await fuseWire(await loadConfig(TEST_BUILD_CONFIG))
    const changed = Object.keys(release).filter((fuse) => release[fuse] !== testBuild[fuse])
    expect(changed).toEqual(['EnableNodeCliInspectArguments'])
    expect(testBuild['EnableNodeCliInspectArguments']).toBe(true)
  })

  it('file:// keeps its extra privileges exactly while the packaged window loads from file://', async () => {
    // Module scripts of the built UI fail as cross-origin on a plain-browser file://; once the UI comes
    // from the app's own scheme, the privileges are only a risk.
    const packaged = resolveAppLocation({ devServerUrl: 'http://localhost:5173/', isPackaged: true })
    const wire = await fuseWire(await loadConfig(RELEASE_CONFIG))
    expect(wire['GrantFileProtocolExtraPrivileges']).toBe(new URL(packaged.url).protocol === 'file:')
  })

  it('a README row with neither on nor off is reported, not read as off', () => {
    const table = [
      '| fuse | release | test build | why |',
      '| --- | --- | --- | --- |',
      '| `RunAsNode` | no | off | x |',
    ]
    expect(() => parseFuseTable(table.join('\n'))).toThrow(/"on" or "off"/)
  })
})
