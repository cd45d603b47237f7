import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { expect, test } from 'vitest'
import { report } from './report'

// How much JavaScript the window downloads and parses before the first screen: the entry script and the
// chunks index.html preloads with it, gzipped (as a server or a compressed asar would send them). Parts
// loaded on first use (the token editor's form, the outbox and servers sections) are not counted.

const rendererDir = resolve('out/renderer')

test('renderer JavaScript before the first screen', () => {
  execFileSync('npx', ['electron-vite', 'build'], { stdio: 'ignore' })
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8')
  const files = [
    ...html.matchAll(/<script[^>]+src="\.\/([^"]+\.js)"/g),
    ...html.matchAll(/<link rel="modulepreload"[^>]+href="\.\/([^"]+\.js)"/g),
  ].map((match) => match[1]!)
  expect(files.length).toBeGreaterThan(0)
  const bytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(join(rendererDir, file))).length, 0)
  report('renderer.first-screen-js-gz', Math.round(bytes / 1024), 'KB', { op: '<=', value: 250 })
})
