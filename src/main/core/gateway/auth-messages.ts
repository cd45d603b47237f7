// Auth failures in both server generations (docs/newapi-behaviour.md §2). These are the only server messages
// the client ever branches on: classic servers (before 2026-07-20) report some of them as HTTP 200 with
// success:false and nothing but the text.
//
// Kinds: `auth` = the credentials are wrong (a new access token or user id fixes it); `forbidden` = the
// credentials are right but this account may not do it (banned, role too low): asking the user to type
// the token again would not help, so the UI must say something else.

const CLASSIC_AUTH_FAILURES = [
  '无权进行此操作，未登录且未提供 access token',
  '无权进行此操作，access token 无效',
  '无权进行此操作，未提供 New-Api-User',
  '无权进行此操作，New-Api-User 格式错误',
  '无权进行此操作，New-Api-User 与登录用户不匹配',
]

const CLASSIC_FORBIDDEN = ['无权进行此操作，权限不足', '用户已被封禁']

export type AuthFailureKind = 'auth' | 'forbidden' | 'server'

export function classicAuthFailure(message: string): AuthFailureKind | null {
  const text = message.trim()
  if (CLASSIC_FORBIDDEN.includes(text)) return 'forbidden'
  if (CLASSIC_AUTH_FAILURES.includes(text)) return 'auth'
  return null
}

const CURRENT_FORBIDDEN = new Set(['AUTH_INSUFFICIENT_PRIVILEGE', 'AUTH_USER_DISABLED'])

/**
 * Current servers (since 2026-07-20) send a machine-readable `code` with 401/403. Unknown `AUTH_*` codes
 * count as `auth`; AUTH_INTERNAL_ERROR is the server failing to check, not the credentials failing.
 */
export function currentAuthFailure(code: unknown): AuthFailureKind | null {
  if (typeof code !== 'string' || !code.startsWith('AUTH_')) return null
  if (code === 'AUTH_INTERNAL_ERROR') return 'server'
  return CURRENT_FORBIDDEN.has(code) ? 'forbidden' : 'auth'
}
