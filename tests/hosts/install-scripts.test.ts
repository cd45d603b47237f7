import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

// npm 11.16+ reads package.json "allowScripts" (npm 12 runs no install script it does not allow).
// Electron's install script downloads the Electron binary: blocked, `npm install && npm start` ends in
// electron-vite's "Electron uninstall" for every user. keytar's builds the keychain module.

const packageJson = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as {
  allowScripts?: Record<string, boolean>
}

describe('package.json install scripts', () => {
  it.each(['electron', 'keytar'])('allows the install script of %s', (name) => {
    expect(packageJson.allowScripts?.[name]).toBe(true)
  })
})
