// The last step before a log line reaches the disk: whatever a call site let slip, no secret is written.
// Path-based redaction (logger.ts) covers the fields known to carry secrets; this covers their values
// wherever they appear — inside messages, error texts, URLs or fields nobody expected:
// - token keys: new-api's `sk-…` form, and the bare 48-character form its API answers with;
// - `Bearer …` / `Basic …` credentials and whole Authorization header values.

const REDACTED = '[redacted]'

// Every replacement is plain text without quotes or backslashes: a redacted line is still valid JSON.
const RULES: readonly (readonly [RegExp, string])[] = [
  // sk- keys of any length new-api or its forks hand out (at least 16 characters after the prefix).
  [/\bsk-[A-Za-z0-9_-]{16,}/g, REDACTED],
  // A bare key: exactly 48 letters and digits, standing alone (not part of a longer run).
  [/(?<![A-Za-z0-9_-])[A-Za-z0-9]{48}(?![A-Za-z0-9_-])/g, REDACTED],
  // An Authorization field's value in JSON…
  [/("authorization"\s*:\s*")[^"]*/gi, `$1${REDACTED}`],
  // …and in text ("Authorization: Bearer …", "authorization=…").
  [/(\bauthorization\s*[:=]\s*)(?:(?:Bearer|Basic)\s+)?[^\s,;"'\\}]+/gi, `$1${REDACTED}`],
  // Credentials after a scheme word, wherever they are quoted.
  // (Eight characters at least: "Basic checks" in a message is prose, not a credential.)
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`],
]

/** `line` with every key and credential it contains replaced by "[redacted]". */
export function redactSecrets(line: string): string {
  let text = line
  for (const [pattern, replacement] of RULES) text = text.replace(pattern, replacement)
  return text
}
