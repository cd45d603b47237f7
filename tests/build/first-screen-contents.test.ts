import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { firstScreenFiles, type FirstScreenFiles } from './first-screen-files'

// The parts the window loads on first use must stay out of what it loads before its first screen. One
// static import in the wrong place pulls a whole part in, and nothing else in `npm test` notices: once,
// the table's row words imported the draft module for its list of states, which brought zod and the token
// schemas along (about 25 kB gzipped, and 30–60 ms more before the window answered a click).
// Each part is found by a string only its code contains; the test first checks that the build still has
// that string somewhere, so a renamed part fails here instead of passing unseen.

const rendererDir = 'out/renderer'

const LAZY_PARTS: readonly { part: string; marker: string }[] = [
  { part: "zod's schemas (the token and draft schemas, validation in the editor)", marker: '$ZodObject' },
  { part: "Naive UI's date picker (the editor's expiry field)", marker: 'date-panel' },
  { part: "Naive UI's form (the editor's form)", marker: 'form-item-label' },
]

let files: FirstScreenFiles
let allScripts: string[]

beforeAll(() => {
  // `npm test` builds first; on its own (a fresh checkout) vitest builds here.
  if (!existsSync(join(rendererDir, 'index.html'))) {
    execFileSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' })
  }
  files = firstScreenFiles(rendererDir)
  allScripts = readdirSync(join(rendererDir, 'assets'))
    .filter((name) => name.endsWith('.js'))
    .map((name) => `assets/${name}`)
}, 120_000)

const containing = (scripts: Iterable<string>, marker: string) =>
  [...scripts].filter((file) => readFileSync(join(rendererDir, file), 'utf8').includes(marker))

describe('the first screen loads only its own parts', () => {
  it('finds the entry, the catalogue and their imports for each form of the first screen', () => {
    for (const [form, set] of Object.entries(files)) {
      expect(
        [...set].some((file) => /^assets\/index-.*\.js$/.test(file)),
        form,
      ).toBe(true)
      expect(set.size, form).toBeGreaterThan(2)
    }
    expect([...files.english].some((file) => file.includes('en-US-bundle'))).toBe(true)
    expect([...files.chineseDark].some((file) => file.includes('naive-dark'))).toBe(true)
  })

  it.each(LAZY_PARTS)('leaves out $part', ({ marker }) => {
    expect(
      containing(allScripts, marker),
      'the build no longer has this part: update the marker',
    ).not.toEqual([])
    for (const [form, set] of Object.entries(files)) expect(containing(set, marker), form).toEqual([])
  })
})
