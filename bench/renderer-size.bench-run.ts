import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { expect, test } from 'vitest'
import { report } from './report'

// How much JavaScript the window downloads and parses before the first screen, gzipped (as a server or a
// compressed asar would send them): the entry script, the chunks index.html preloads with it and every
// chunk those import statically, and the one language catalogue's chunk (and what it imports) the
// window waits for before it mounts — English's or Chinese's; in a dark OS it waits for the dark theme's
// chunk too, counted with Chinese as the largest first screen there is. Parts loaded on first use (the
// token editor's form, the outbox and servers sections) are not.

const rendererDir = resolve('out/renderer')
const assetsDir = join(rendererDir, 'assets')

/** `files` and every chunk they import statically, transitively (paths relative to out/renderer). */
function withStaticImports(files: string[]): Set<string> {
  const seen = new Set<string>()
  const queue = [...files]
  while (queue.length > 0) {
    const file = queue.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    const code = readFileSync(join(rendererDir, file), 'utf8')
    // Minified ES modules: `import{a as b}from"./x.js"` or `import"./x.js"` (not `import("./x.js")`).
    for (const match of code.matchAll(/\bimport\s*(?:[\w$*{}\s,]+?from\s*)?["']\.\/([^"']+\.js)["']/g))
      queue.push(`assets/${match[1]!}`)
  }
  return seen
}

const gzippedKb = (files: Iterable<string>) =>
  Math.round(
    [...files].reduce((sum, file) => sum + gzipSync(readFileSync(join(rendererDir, file))).length, 0) / 1024,
  )

test('renderer JavaScript before the first screen', () => {
  execFileSync('npx', ['electron-vite', 'build'], { stdio: 'ignore' })
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8')
  const entry = [
    ...html.matchAll(/<script[^>]+src="\.\/([^"]+\.js)"/g),
    ...html.matchAll(/<link rel="modulepreload"[^>]+href="\.\/([^"]+\.js)"/g),
  ].map((match) => match[1]!)
  expect(entry.length).toBeGreaterThan(0)
  const chunk = (pattern: RegExp) => {
    const found = readdirSync(assetsDir).filter((name) => pattern.test(name))
    expect(found).toHaveLength(1)
    return `assets/${found[0]!}`
  }
  const english = withStaticImports([...entry, chunk(/^en-US-bundle-.*\.js$/)])
  const chinese = withStaticImports([...entry, chunk(/^zh-CN-bundle-.*\.js$/)])
  const chineseDark = withStaticImports([...chinese, chunk(/^naive-dark-.*\.js$/)])
  report('renderer.first-screen-js-gz', gzippedKb(english), 'KB', { op: '<=', value: 250 })
  report('renderer.first-screen-js-gz.zh-CN', gzippedKb(chinese), 'KB', { op: '<=', value: 250 })
  report('renderer.first-screen-js-gz.zh-CN-dark', gzippedKb(chineseDark), 'KB', { op: '<=', value: 250 })
})
