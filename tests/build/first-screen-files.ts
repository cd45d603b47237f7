import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

// Which built files the window loads before its first screen: the entry script, the chunks index.html
// preloads with it and every chunk those import statically, and the one language catalogue's chunk (and
// what it imports) the window waits for before it mounts. In a dark OS it waits for the dark theme's
// chunk too. Parts loaded on first use (the token editor's form, the other sections) are not among them.
// Shared by the size bench and the test that keeps the lazily loaded parts out of the first screen.

export interface FirstScreenFiles {
  english: Set<string>
  chinese: Set<string>
  chineseDark: Set<string>
}

/** `files` and every chunk they import statically, transitively (paths relative to the renderer's dir). */
function withStaticImports(rendererDir: string, files: string[]): Set<string> {
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

/** The first screen's files in each of its three forms, read from a built `out/renderer`. */
export function firstScreenFiles(rendererDir: string): FirstScreenFiles {
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8')
  const entry = [
    ...html.matchAll(/<script[^>]+src="\.\/([^"]+\.js)"/g),
    ...html.matchAll(/<link rel="modulepreload"[^>]+href="\.\/([^"]+\.js)"/g),
  ].map((match) => match[1]!)
  if (entry.length === 0) throw new Error(`${rendererDir}/index.html names no script`)
  const assets = readdirSync(join(rendererDir, 'assets'))
  const chunk = (pattern: RegExp): string => {
    const found = assets.filter((name) => pattern.test(name))
    if (found.length !== 1) throw new Error(`expected one chunk like ${pattern}, found ${found.length}`)
    return `assets/${found[0]!}`
  }
  const english = withStaticImports(rendererDir, [...entry, chunk(/^en-US-bundle-.*\.js$/)])
  const chinese = withStaticImports(rendererDir, [...entry, chunk(/^zh-CN-bundle-.*\.js$/)])
  const chineseDark = withStaticImports(rendererDir, [...chinese, chunk(/^naive-dark-.*\.js$/)])
  return { english, chinese, chineseDark }
}
