import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_PORT, defaultDataDir, parseWebCliArgs, USAGE } from '../../src/main/web/cli-options'
import {
  createSecret,
  hasValidSecret,
  isAllowedHost,
  isAllowedOrigin,
} from '../../src/main/web/request-guards'
import { safeSegments } from '../../src/main/core/renderer-files'

// Pure parts of the browser host: command line, default data folder, request guards, path validation.

describe('parseWebCliArgs', () => {
  const defaults = { dataDir: '/home/u/.config/TokenDesk' }

  it('defaults to port 5780, the desktop data folder and the TokenDesk keychain service', () => {
    expect(parseWebCliArgs([], defaults)).toEqual({
      port: DEFAULT_PORT,
      dataDir: defaults.dataDir,
      keychainService: 'TokenDesk',
      demo: false,
      help: false,
    })
    expect(DEFAULT_PORT).toBe(5780)
  })

  it('reads --port (0 allowed), --data-dir and --keychain-service', () => {
    expect(
      parseWebCliArgs(
        ['--port', '0', '--data-dir', '/tmp/d', '--keychain-service', 'TokenDesk-test'],
        defaults,
      ),
    ).toEqual({ port: 0, dataDir: '/tmp/d', keychainService: 'TokenDesk-test', demo: false, help: false })
    expect(parseWebCliArgs(['--port=65535'], defaults).port).toBe(65535)
  })

  it('reads --demo, alone or with other options, and names it in the usage text', () => {
    expect(parseWebCliArgs(['--demo'], defaults).demo).toBe(true)
    expect(parseWebCliArgs(['--port', '0', '--demo', '--data-dir', '/tmp/d'], defaults)).toMatchObject({
      port: 0,
      dataDir: '/tmp/d',
      demo: true,
    })
    expect(USAGE).toContain('--demo')
  })

  it.each([
    ['--port', '-1'],
    ['--port', '65536'],
    ['--port', '1e3'],
    ['--port', 'abc'],
    ['--port', ''],
    ['--bogus'],
    ['--demo=yes'],
  ])('rejects %s %s', (...argv) => {
    expect(() => parseWebCliArgs(argv, defaults)).toThrow()
  })
})

describe('defaultDataDir', () => {
  it('matches Electron userData per platform', () => {
    expect(defaultDataDir('linux', {}, '/home/u')).toBe(join('/home/u', '.config', 'TokenDesk'))
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/u')).toBe(join('/xdg', 'TokenDesk'))
    expect(defaultDataDir('darwin', {}, '/Users/u')).toBe(
      join('/Users/u', 'Library', 'Application Support', 'TokenDesk'),
    )
    expect(defaultDataDir('win32', { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'C:\\Users\\u')).toBe(
      join('C:\\Users\\u\\AppData\\Roaming', 'TokenDesk'),
    )
  })
})

describe('request guards', () => {
  it('accepts only exact loopback Host values', () => {
    expect(isAllowedHost('127.0.0.1:5780', 5780)).toBe(true)
    expect(isAllowedHost('localhost:5780', 5780)).toBe(true)
    for (const host of [
      undefined,
      '',
      '127.0.0.1',
      '127.0.0.1:5781',
      'evil.com:5780',
      'localhost.evil.com:5780',
    ]) {
      expect(isAllowedHost(host, 5780)).toBe(false)
    }
  })

  it('accepts a missing Origin or exactly the page origin', () => {
    expect(isAllowedOrigin(undefined, '127.0.0.1:5780')).toBe(true)
    expect(isAllowedOrigin('http://127.0.0.1:5780', '127.0.0.1:5780')).toBe(true)
    expect(isAllowedOrigin('null', '127.0.0.1:5780')).toBe(false)
    expect(isAllowedOrigin('http://localhost:5780', '127.0.0.1:5780')).toBe(false)
  })

  it('checks the bearer secret exactly', () => {
    const secret = createSecret()
    expect(hasValidSecret(`Bearer ${secret}`, secret)).toBe(true)
    for (const header of [
      undefined,
      '',
      `bearer ${secret}`,
      `Bearer  ${secret}`,
      `Bearer ${secret} `,
      secret,
    ]) {
      expect(hasValidSecret(header, secret)).toBe(false)
    }
  })
})

describe('safeSegments', () => {
  it('keeps plain paths and refuses anything path-like', () => {
    expect(safeSegments('/')).toEqual([])
    expect(safeSegments('/assets/app.js')).toEqual(['assets', 'app.js'])
    for (const path of ['/..', '/a/../b', '/..%2f', '/%5c', '/a%00', '/%E0%A4%A', '/.git/config', '/C:/x']) {
      expect(safeSegments(path)).toBeNull()
    }
  })
})
