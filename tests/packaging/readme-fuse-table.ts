import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { projectDir } from './builder-config'

// The README's fuse table is the documented promise; the tests compare the configuration with it, so the
// two cannot drift. A row: | `FuseName` | on/off | on/off | why |

export type FuseRow = { fuse: string; release: boolean; testBuild: boolean; why: string }

const HEADER = ['fuse', 'release', 'test build', 'why']

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) => cell.trim())
}

function onOff(value: string | undefined, where: string): boolean {
  if (value === 'on') return true
  if (value === 'off') return false
  throw new Error(`README fuse table: expected "on" or "off" in ${where}, found ${JSON.stringify(value)}`)
}

/** Parses the one table in `markdown` whose header is fuse | release | test build | why. */
export function parseFuseTable(markdown: string): FuseRow[] {
  const lines = markdown.split('\n')
  const start = lines.findIndex(
    (line) => line.trim().startsWith('|') && cells(line).join('|') === HEADER.join('|'),
  )
  if (start === -1) throw new Error(`README has no table headed ${HEADER.join(' | ')}`)
  const rows: FuseRow[] = []
  // start + 1 is the |---| separator; the table ends at the first line that is not a row.
  for (const line of lines.slice(start + 2)) {
    if (!line.trim().startsWith('|')) break
    const [name, release, testBuild, why] = cells(line)
    const fuse = /^`([A-Za-z0-9]+)`$/.exec(name ?? '')?.[1]
    if (fuse === undefined)
      throw new Error(`README fuse table: a fuse name in backticks expected, found ${name}`)
    rows.push({
      fuse,
      release: onOff(release, `${fuse} (release)`),
      testBuild: onOff(testBuild, `${fuse} (test build)`),
      why: why ?? '',
    })
  }
  return rows
}

export function readmeFuseTable(): FuseRow[] {
  return parseFuseTable(readFileSync(resolve(projectDir, 'README.md'), 'utf8'))
}
