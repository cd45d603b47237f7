import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { test } from 'vitest'
import { firstScreenFiles } from '../tests/build/first-screen-files'
import { report } from './report'

// How much JavaScript the window downloads and parses before the first screen, gzipped (as a server or a
// compressed asar would send them), for each of the first screen's forms (see first-screen-files.ts):
// English, Chinese, and Chinese in a dark OS as the largest there is.

const rendererDir = resolve('out/renderer')

const gzippedKb = (files: Iterable<string>) =>
  Math.round(
    [...files].reduce((sum, file) => sum + gzipSync(readFileSync(join(rendererDir, file))).length, 0) / 1024,
  )

test('renderer JavaScript before the first screen', () => {
  execFileSync('npx', ['electron-vite', 'build'], { stdio: 'ignore' })
  const { english, chinese, chineseDark } = firstScreenFiles(rendererDir)
  report('renderer.first-screen-js-gz', gzippedKb(english), 'KB', { op: '<=', value: 250 })
  report('renderer.first-screen-js-gz.zh-CN', gzippedKb(chinese), 'KB', { op: '<=', value: 250 })
  report('renderer.first-screen-js-gz.zh-CN-dark', gzippedKb(chineseDark), 'KB', { op: '<=', value: 250 })
})
