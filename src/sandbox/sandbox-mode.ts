// Which generation of new-api the sandbox imitates (docs/newapi-behaviour.md). What each one can do is listed
// in mode-features.ts; this file only names them.
// - 'current': 2026-08 — Bearer in any case, New-Api-User ignored, 401/403 with an AUTH_* code,
//   X-New-Api-Version header, Retry-After on 429, per-token auto_groups.
// - 'classic': 2026-04-06 to 2026-07-19 — exact `Bearer ` prefix, New-Api-User mandatory, some auth
//   failures as HTTP 200; masked keys, the key-reveal routes and X-New-Api-Version already exist.
// - 'legacy': before 2025-06-12 — classic auth, 0-based pages and bare arrays, substring search, keys in
//   plaintext, no key reveal, no batch delete, no version header, names of at most 30 bytes and no
//   quota range or token count checks.
export type SandboxMode = 'current' | 'classic' | 'legacy'

export const SANDBOX_MODES: readonly SandboxMode[] = ['current', 'classic', 'legacy']

/** Reported by /api/status and the X-New-Api-Version header; clearly not a real release. */
export const SANDBOX_VERSIONS: Record<SandboxMode, string> = {
  current: 'v0.0.0-sandbox.current',
  classic: 'v0.0.0-sandbox.classic',
  legacy: 'v0.0.0-sandbox.legacy',
}
