// Pure part of `npm run lint:electron`: sorts Electronegativity's findings against the allowlist of known
// false positives (security/electronegativity-allowlist.json). A high-severity finding that no entry
// explains fails the lint; so does an entry that no longer matches anything, so the list cannot quietly
// go stale and hide a real finding later. Medium and low findings without an entry are shown for review.

/** `*` in an allowlist path stands for any run of characters except `/` (bundle chunks carry hashes). */
function pathPattern(glob) {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')
  return new RegExp(`^${escaped}$`)
}

/**
 * @param {{ check: string, severity: string, file: string, line: number, sample: string }[]} findings
 *   file is relative to the project folder, e.g. `out/main/index.js`; sample is the flagged source line.
 * @param {{ check: string, file: string, sample?: string, reason: string }[]} allowlist
 *   sample, when given, pins the entry to one flagged line: a check reports an explicitly insecure option
 *   on the option's own line, so the entry for a false positive elsewhere in the file does not cover it.
 */
export function judgeFindings(findings, allowlist) {
  const entries = allowlist.map((entry) => ({ ...entry, pattern: pathPattern(entry.file), used: false }))
  const explained = []
  const unexplainedHigh = []
  const toReview = []
  for (const finding of findings) {
    const entry = entries.find(
      (candidate) =>
        candidate.check === finding.check &&
        candidate.pattern.test(finding.file) &&
        (candidate.sample === undefined || candidate.sample === finding.sample.trim()),
    )
    if (entry) {
      entry.used = true
      explained.push({ ...finding, reason: entry.reason })
    } else if (finding.severity === 'HIGH') unexplainedHigh.push(finding)
    else toReview.push(finding)
  }
  const stale = entries
    .filter((entry) => !entry.used)
    .map(({ pattern: _pattern, used: _used, ...entry }) => entry)
  return {
    explained,
    unexplainedHigh,
    toReview,
    stale,
    ok: unexplainedHigh.length === 0 && stale.length === 0,
  }
}

/** Checks the allowlist's own shape: every entry names a check and a file and gives a real reason. */
export function allowlistProblems(allowlist) {
  if (!Array.isArray(allowlist)) return ['the allowlist must be a JSON array']
  return allowlist.flatMap((entry, index) => {
    const problems = []
    for (const field of ['check', 'file', 'reason']) {
      if (typeof entry?.[field] !== 'string' || entry[field].trim() === '')
        problems.push(`entry ${index}: no ${field}`)
    }
    if (entry?.sample !== undefined && typeof entry.sample !== 'string')
      problems.push(`entry ${index}: sample must be text`)
    if (typeof entry?.reason === 'string' && entry.reason.trim().length < 20) {
      problems.push(`entry ${index}: the reason must say why (20+ characters)`)
    }
    return problems
  })
}
