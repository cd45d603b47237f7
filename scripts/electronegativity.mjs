#!/usr/bin/env node
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { allowlistProblems, judgeFindings } from './electronegativity-judge.mjs'

// `npm run lint:electron`: Doyensec's Electronegativity over the sources (src) and the build (out, which
// is what ships: comments and helper boundaries are gone there, so it sees the code differently). Fails on
// a high-severity finding that security/electronegativity-allowlist.json does not explain, on a stale
// allowlist entry, and on a file the tool could not parse (a file it did not check).
// The tool tries to download fresh translations from GitHub on start (1 s timeout, then it prints "Could
// not retrieve updated translations" and goes on with the ones it ships); that line is expected here.

const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const requireFromProject = createRequire(join(projectDir, 'package.json'))
const allowlistPath = join(projectDir, 'security', 'electronegativity-allowlist.json')

// AvailableSecurityFixesGlobalCheck downloads Electron's release list from GitHub, which the build
// machines cannot reach (and whose answer changes from day to day); the Electron major is kept current
// in package.json instead.
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck']

/** The installed Electron version, so checks judge the API of the Electron the app is built against. */
function electronVersion() {
  const manifest = requireFromProject.resolve('electron/package.json')
  return JSON.parse(readFileSync(manifest, 'utf8')).version
}

async function scan(run, folder, version) {
  const result = await run({
    input: join(projectDir, folder),
    isRelative: true,
    isVerbose: false,
    excludeFromScan: EXCLUDED_CHECKS,
    electronVersionOverride: version,
    parserPlugins: [],
  })
  const findings = result.issues.map((issue) => ({
    check: issue.id,
    severity: issue.severity.name,
    file: `${folder}/${issue.file.split('\\').join('/')}`,
    line: issue.location.line,
    sample: typeof issue.sample === 'string' ? issue.sample : '',
  }))
  const errors = result.errors.map((error) => ({ ...error, file: relative(projectDir, error.file) }))
  return { findings, errors, checks: result.globalChecks + result.atomicChecks }
}

async function main() {
  if (!existsSync(join(projectDir, 'out', 'main', 'index.js'))) {
    console.error('lint:electron: out/ is missing; run `npm run build` first (the build is scanned too).')
    return 1
  }
  const allowlist = JSON.parse(readFileSync(allowlistPath, 'utf8'))
  const problems = allowlistProblems(allowlist)
  if (problems.length > 0) {
    console.error(`lint:electron: ${relative(projectDir, allowlistPath)}:\n  ${problems.join('\n  ')}`)
    return 1
  }
  const run = requireFromProject('@doyensec/electronegativity')
  const version = electronVersion()
  const scans = []
  for (const folder of ['src', 'out']) scans.push(await scan(run, folder, version))
  const findings = scans.flatMap((found) => found.findings)
  const fatal = scans.flatMap((found) => found.errors.filter((error) => !error.tolerable))

  const verdict = judgeFindings(findings, allowlist)
  const show = (finding) => `${finding.severity} ${finding.check} ${finding.file}:${finding.line}`
  console.log(`lint:electron: ${scans[0].checks} checks, Electron ${version}, ${findings.length} findings`)
  for (const finding of verdict.explained) console.log(`  explained  ${show(finding)}`)
  for (const finding of verdict.toReview) console.log(`  review     ${show(finding)}`)
  for (const finding of verdict.unexplainedHigh) console.error(`  UNEXPLAINED HIGH  ${show(finding)}`)
  for (const entry of verdict.stale)
    console.error(`  STALE allowlist entry (matches nothing): ${entry.check} ${entry.file}`)
  for (const error of fatal) console.error(`  COULD NOT PARSE ${error.file}: ${error.message}`)
  const ok = verdict.ok && fatal.length === 0
  console.log(ok ? 'lint:electron: ok' : 'lint:electron: failed')
  return ok ? 0 : 1
}

process.exitCode = await main()
