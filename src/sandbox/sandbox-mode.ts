// Which generation of new-api the sandbox imitates (newapi-behaviour.md §2):
// - 'current': since 2026-07-20 — Bearer in any case, New-Api-User ignored, 401/403 with an AUTH_* code,
//   X-New-Api-Version header, per-token auto_groups.
// - 'classic': before — exact `Bearer ` prefix, New-Api-User mandatory, some failures as HTTP 200.
export type SandboxMode = 'current' | 'classic'

export const SANDBOX_MODES: readonly SandboxMode[] = ['current', 'classic']

/** Reported by /api/status and the X-New-Api-Version header; clearly not a real release. */
export const SANDBOX_VERSIONS: Record<SandboxMode, string> = {
  current: 'v0.0.0-sandbox.current',
  classic: 'v0.0.0-sandbox.classic',
}
