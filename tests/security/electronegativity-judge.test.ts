import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { allowlistProblems, judgeFindings, type Finding } from '../../scripts/electronegativity-judge.mjs'

// The verdict of `npm run lint:electron` (the Electronegativity run itself is the npm script; here its
// findings are given, so every way the verdict can go is shown without the tool's 20-odd seconds).

const windowLine = 'const window = new BrowserWindow({'
const finding = (overrides: Partial<Finding>): Finding => ({
  check: 'CONTEXT_ISOLATION_JS_CHECK',
  severity: 'HIGH',
  file: 'src/main/electron/main-window.ts',
  line: 31,
  sample: `  ${windowLine}`,
  ...overrides,
})
const entry = {
  check: 'CONTEXT_ISOLATION_JS_CHECK',
  file: 'src/main/electron/main-window.ts',
  sample: windowLine,
  reason: 'preferences come from a function the check does not follow',
}

describe('judgeFindings', () => {
  it('passes a high finding the allowlist explains, wherever its line moved', () => {
    const verdict = judgeFindings([finding({ line: 48 })], [entry])
    expect(verdict.ok).toBe(true)
    expect(verdict.explained).toEqual([{ ...finding({ line: 48 }), reason: entry.reason }])
  })

  it('fails on a high finding nobody explained', () => {
    const verdict = judgeFindings([finding({ file: 'src/main/electron/other-window.ts' })], [])
    expect(verdict.ok).toBe(false)
    expect(verdict.unexplainedHigh).toHaveLength(1)
  })

  it('does not let an entry pinned to one line cover an insecure option elsewhere in the same file', () => {
    const explicit = finding({ line: 40, sample: '      contextIsolation: false,' })
    const verdict = judgeFindings([finding({}), explicit], [entry])
    expect(verdict.ok).toBe(false)
    expect(verdict.unexplainedHigh).toEqual([explicit])
  })

  it('shows unexplained medium and low findings for review without failing', () => {
    const medium = finding({
      check: 'OPEN_EXTERNAL_JS_CHECK',
      severity: 'MEDIUM',
      sample: 'shell.openExternal(x)',
    })
    const verdict = judgeFindings([medium], [])
    expect(verdict).toMatchObject({ ok: true, toReview: [medium], unexplainedHigh: [] })
  })

  it('fails on an allowlist entry that no longer matches anything', () => {
    const verdict = judgeFindings([], [entry])
    expect(verdict.ok).toBe(false)
    expect(verdict.stale).toEqual([entry])
  })

  it('matches * in a path within one folder only (hashed bundle chunks)', () => {
    const chunkEntry = {
      check: 'OPEN_EXTERNAL_JS_CHECK',
      file: 'out/main/chunks/*.js',
      reason: 'a reviewed call in a chunk',
    }
    const inChunk = finding({
      check: 'OPEN_EXTERNAL_JS_CHECK',
      severity: 'HIGH',
      file: 'out/main/chunks/keys-a1B2.js',
    })
    const deeper = finding({
      check: 'OPEN_EXTERNAL_JS_CHECK',
      severity: 'HIGH',
      file: 'out/main/chunks/x/keys.js',
    })
    const verdict = judgeFindings([inChunk, deeper], [chunkEntry])
    expect(verdict.explained.map((found) => found.file)).toEqual([inChunk.file])
    expect(verdict.unexplainedHigh).toEqual([deeper])
  })
})

describe('allowlistProblems', () => {
  it('accepts the project allowlist', () => {
    const allowlist: unknown = JSON.parse(readFileSync('security/electronegativity-allowlist.json', 'utf8'))
    expect(allowlistProblems(allowlist)).toEqual([])
  })

  it('refuses entries without a check, a file or a reason that says why', () => {
    expect(allowlistProblems({})).toEqual(['the allowlist must be a JSON array'])
    expect(
      allowlistProblems([
        { check: 'X', file: 'a.ts', reason: 'ok' },
        { file: 'a.ts', reason: 'a long enough reason for this entry' },
        { check: 'X', file: 'a.ts', sample: 3, reason: 'a long enough reason for this entry' },
      ]),
    ).toEqual([
      'entry 0: the reason must say why (20+ characters)',
      'entry 1: no check',
      'entry 2: sample must be text',
    ])
  })
})
