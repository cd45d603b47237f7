import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { restartDecision, updateFeed, updatesActive } from '../../src/main/electron/update-rules'
import { aboutText } from '../../src/main/electron/about-text'
import { nativeText } from '../../src/main/electron/native-text/native-text'

// When updates are on, and when a downloaded update may restart the app; what About says.

describe('update feed', () => {
  it('is off until the build names one', () => {
    expect(updateFeed(undefined)).toEqual({ state: 'off' })
    expect(updateFeed('  ')).toEqual({ state: 'off' })
  })

  it('takes an https address only', () => {
    expect(updateFeed(' https://updates.example.com/tokendesk/ ')).toEqual({
      state: 'on',
      url: 'https://updates.example.com/tokendesk/',
    })
    expect(updateFeed('http://updates.example.com/')).toEqual({ state: 'invalid', reason: 'not-https' })
    expect(updateFeed('file:///tmp/feed')).toEqual({ state: 'invalid', reason: 'not-https' })
    expect(updateFeed('updates.example.com')).toEqual({ state: 'invalid', reason: 'not-a-url' })
  })

  it('runs only in a packaged app with a valid feed', () => {
    const on = updateFeed('https://updates.example.com/')
    expect(updatesActive(on, true)).toBe(true)
    expect(updatesActive(on, false)).toBe(false)
    expect(updatesActive(updateFeed(undefined), true)).toBe(false)
    expect(updatesActive(updateFeed('http://x.example/'), true)).toBe(false)
  })
})

describe('restart for an update', () => {
  it('restarts only when no server has a draft that has not reached it', () => {
    expect(restartDecision([])).toEqual({ restart: true })
    expect(restartDecision([{ unsynced: 0 }, { unsynced: 0 }])).toEqual({ restart: true })
    expect(restartDecision([{ unsynced: 0 }, { unsynced: 2 }, { unsynced: 1 }])).toEqual({
      restart: false,
      unsynced: 3,
    })
  })

  it('tells the user why it waits, with the count', () => {
    const t = nativeText('en-US')
    expect(t('updates.heldDetail', { name: 'TokenDesk', count: 1 })).toMatch(/^1 draft has not reached/)
    expect(t('updates.heldDetail', { name: 'TokenDesk', count: 3 })).toMatch(/^3 drafts have not reached/)
  })
})

describe('About', () => {
  it('names the version, what it runs on and where its data and logs are', () => {
    const text = aboutText(nativeText('en-US'), {
      appName: 'TokenDesk',
      version: '1.2.3',
      electron: '45.5.0',
      chrome: '142.0.1',
      node: '22.20.0',
      dataDir: '/home/me/.config/TokenDesk',
      logsDir: '/home/me/.config/TokenDesk/logs',
    })
    expect(text.title).toBe('About TokenDesk')
    expect(text.message).toBe('TokenDesk 1.2.3')
    expect(text.detail).toBe(
      [
        'Electron 45.5.0 · Chromium 142.0.1 · Node.js 22.20.0',
        '',
        'Data folder: /home/me/.config/TokenDesk',
        'Logs folder: /home/me/.config/TokenDesk/logs',
      ].join('\n'),
    )
  })
})

describe('electron-updater stays unloaded while updates are off', () => {
  it('is imported by no file at start, only on first use (a type import is erased)', () => {
    const files = readdirSync('src/main', { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.ts'),
    )
    const loaders = files.filter((file) => {
      const source = readFileSync(join('src/main', file), 'utf8')
      return /^import (?!type )[^'"]*from 'electron-updater'/m.test(source)
    })
    expect(loaders).toEqual([])
    expect(readFileSync('src/main/electron/updater.ts', 'utf8')).toContain("import('electron-updater')")
  })
})
