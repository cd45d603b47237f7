// Classic new-api servers (before 2026-07-20) report some auth failures as HTTP 200 with
// success:false and one of these texts (newapi-behaviour.md §2). They are the only server messages the
// client ever branches on.

const CLASSIC_AUTH_FAILURES = [
  '无权进行此操作，未登录且未提供 access token',
  '无权进行此操作，access token 无效',
  '无权进行此操作，未提供 New-Api-User',
  '无权进行此操作，New-Api-User 格式错误',
  '无权进行此操作，New-Api-User 与登录用户不匹配',
  '用户已被封禁',
]

const CLASSIC_FORBIDDEN = ['无权进行此操作，权限不足']

export type AuthFailureKind = 'auth' | 'forbidden'

export function classicAuthFailure(message: string): AuthFailureKind | null {
  const text = message.trim()
  if (CLASSIC_FORBIDDEN.includes(text)) return 'forbidden'
  if (CLASSIC_AUTH_FAILURES.includes(text)) return 'auth'
  return null
}

/** Current servers (since 2026-07-20) send a machine-readable code with 401/403. */
export function currentAuthFailure(code: unknown): AuthFailureKind | null {
  if (typeof code !== 'string' || !code.startsWith('AUTH_')) return null
  return code === 'AUTH_INSUFFICIENT_PRIVILEGE' ? 'forbidden' : 'auth'
}
