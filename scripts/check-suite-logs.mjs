#!/usr/bin/env node
import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'

// The last step of `npm test`: every log line the suite produced (run-tests.mjs points every core's log
// at one folder with TOKENDESK_LOG_DIR) is read back and checked for secrets. The patterns are written
// apart from the app's own redaction (src/main/core/log-redaction.ts), so a gap in it is caught here:
// - token keys (`sk-…`, or 48 letters and digits standing alone);
// - credentials after Bearer/Basic, and Authorization values that are not "[redacted]";
// - access-token-shaped values: 32 base64url characters standing alone with upper case, lower case and
//   digits (the sandbox hands out such tokens; nothing else the app logs looks like one).
// Usage: check-suite-logs.mjs <folder>. Fails when a line leaks, when a line is not JSON, or when there
// are no lines at all (a check of nothing proves nothing).

const FINDINGS = [
  ['token key (sk-)', /\bsk-[A-Za-z0-9_-]{16,}/],
  ['token key (bare)', /(?<![A-Za-z0-9_-])[A-Za-z0-9]{48}(?![A-Za-z0-9_-])/],
  ['credential', /\b(?:Bearer|Basic)\s+(?!\[redacted\])[A-Za-z0-9._~+/=-]{8,}/i],
  ['authorization value', /"authorization"\s*:\s*"(?!\[redacted\])[^"]+"/i],
  [
    'access token',
    // Not a run holding a date and time (a kept damaged file is named `….corrupt-2026-12-05T19-37-20-722Z`).
    /(?<![A-Za-z0-9_-])(?![A-Za-z0-9_-]*\d{4}-\d{2}-\d{2}T)(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*[a-z])(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{32}(?![A-Za-z0-9_-])/,
  ],
]

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* files(path)
    else yield path
  }
}

async function main() {
  const root = process.argv[2]
  if (!root) {
    console.error('Usage: check-suite-logs.mjs <folder>')
    return 2
  }
  let lines = 0
  let fileCount = 0
  const problems = []
  for await (const path of files(root)) {
    fileCount += 1
    const text = await readFile(path, 'utf8')
    text.split('\n').forEach((line, index) => {
      if (line.trim() === '') return
      lines += 1
      const where = `${relative(root, path)}:${index + 1}`
      try {
        JSON.parse(line)
      } catch {
        problems.push(`${where}: not a JSON line`)
      }
      for (const [what, pattern] of FINDINGS) {
        const match = pattern.exec(line)
        // Show where, never the secret itself: this output ends up in CI logs.
        if (match) problems.push(`${where}: ${what} at column ${match.index + 1}`)
      }
    })
  }
  if (lines === 0) {
    console.error(`check-suite-logs: no log lines under ${root}; the suite's logs did not land there`)
    return 1
  }
  if (problems.length > 0) {
    console.error(
      `check-suite-logs: ${problems.length} problem(s) in ${lines} lines:\n${problems.join('\n')}`,
    )
    return 1
  }
  console.log(`check-suite-logs: ${lines} lines in ${fileCount} files, no secrets`)
  return 0
}

process.exitCode = await main()
