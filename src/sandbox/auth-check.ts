import type { IncomingHttpHeaders } from 'node:http'
import { goAtoi } from './go-atoi'
import type { Reply } from './reply'
import type { ModeFeatures } from './mode-features'
import { ROLE_COMMON_USER, USER_STATUS, type SandboxUser } from './sandbox-user'

// The user-auth middleware of both server generations (docs/newapi-behaviour.md §2). Returns null when the
// request may proceed, otherwise the exact failure the real server sends — including classic servers'
// habit of answering some auth failures with HTTP 200.

export interface AuthSubject {
  features: Pick<ModeFeatures, 'auth'>
  accessToken: string
  user: SandboxUser
}

function header(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name]
  return (Array.isArray(value) ? value[0] : value) ?? ''
}

const current = (status: number, code: string, message: string): Reply => ({
  status,
  body: { success: false, code, message },
})

const classic = (status: number, message: string): Reply => ({ status, body: { success: false, message } })

/**
 * The credential in the header as current servers read it (middleware/auth.go authorizationToken): the
 * header trimmed and split on whitespace — two words whose first is "Bearer" in any case, or one bare
 * word. Anything else (empty, "Token x", three words) is no credential at all.
 */
function currentCredential(header: string): string | null {
  const words = header
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '')
  if (words.length === 2 && words[0]!.toLowerCase() === 'bearer') return words[1]!
  return words.length === 1 ? words[0]! : null
}

/**
 * Current servers (since 2026-07-20, middleware/auth.go authHelper): New-Api-User is not read at all;
 * a missing or unknown credential is one and the same failure. Texts are upstream's zh-CN catalogue
 * (auth.access_token_invalid, auth.user_banned, auth.insufficient_privilege).
 */
function checkCurrent(headers: IncomingHttpHeaders, subject: AuthSubject): Reply | null {
  const token = currentCredential(header(headers, 'authorization'))
  if (token === null || token !== subject.accessToken)
    return current(401, 'AUTH_UNAUTHORIZED', '无权进行此操作，access token 无效')
  if (subject.user.status !== USER_STATUS.enabled) return current(401, 'AUTH_USER_DISABLED', '用户已被封禁')
  if (subject.user.role < ROLE_COMMON_USER)
    return current(403, 'AUTH_INSUFFICIENT_PRIVILEGE', '无权进行此操作，权限不足')
  return null
}

/** Classic servers: only the exact prefix `Bearer ` is stripped; "bearer x" is compared whole and fails. */
function checkClassic(headers: IncomingHttpHeaders, subject: AuthSubject): Reply | null {
  const authorization = header(headers, 'authorization')
  if (!authorization) return classic(401, '无权进行此操作，未登录且未提供 access token')
  const token = authorization.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : authorization
  if (token !== subject.accessToken) return classic(200, '无权进行此操作，access token 无效')
  const claimed = header(headers, 'new-api-user')
  if (!claimed) return classic(401, '无权进行此操作，未提供 New-Api-User')
  const claimedId = goAtoi(claimed)
  if (claimedId === null) return classic(401, '无权进行此操作，New-Api-User 格式错误')
  if (claimedId !== subject.user.id) return classic(401, '无权进行此操作，New-Api-User 与登录用户不匹配')
  if (subject.user.status !== USER_STATUS.enabled) return classic(200, '用户已被封禁')
  if (subject.user.role < ROLE_COMMON_USER) return classic(200, '无权进行此操作，权限不足')
  return null
}

export function checkAuth(headers: IncomingHttpHeaders, subject: AuthSubject): Reply | null {
  return subject.features.auth === 'current' ? checkCurrent(headers, subject) : checkClassic(headers, subject)
}
