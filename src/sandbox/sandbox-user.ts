import type { StoredToken } from './stored-token'

// The one user who owns the sandbox's access token. Status and role are adjustable so tests can reach
// the "banned" and "role too low" auth failures (docs/newapi-behaviour.md §2).

export const USER_STATUS = { enabled: 1, disabled: 2 } as const
/** Upstream roles: 0 guest, 1 common user, 10 admin, 100 root. Token routes need at least 1. */
export const ROLE_COMMON_USER = 1

export interface SandboxUser {
  id: number
  username: string
  display_name: string
  role: number
  status: number
  email: string
  group: string
  /** Wallet balance in quota units; usage draws from it as well as from the token. */
  quota: number
  used_quota: number
  request_count: number
}

export function createUser(id: number, quotaPerUnit: number, tokens: StoredToken[]): SandboxUser {
  const used = tokens.reduce((sum, token) => sum + token.used_quota, 0)
  return {
    id,
    username: 'sandbox',
    display_name: 'Sandbox User',
    role: ROLE_COMMON_USER,
    status: USER_STATUS.enabled,
    email: '',
    group: 'default',
    quota: 100 * quotaPerUnit,
    used_quota: used,
    request_count: tokens.filter((token) => token.used_quota > 0).length * 37,
  }
}
