import { AppError, type FieldIssue } from '@shared/result'
import { TransportError } from '../gateway/transport-error'

// Why a connection to a server failed, said as the one part of the form that is wrong. The issue's key
// (under `fields.connection.`) is what the form shows beside that field and what its summary says, so the
// two can never disagree. The error keeps its code and the server's own words.
//
// Parts: `baseUrl` (nothing answered, or not a new-api server), `accessToken`, `userId`, and `account`
// (the credentials are right but the account may not manage tokens: no field of the form can fix that).

export type ConnectionStage = 'status' | 'self'

type Part = 'baseUrl' | 'accessToken' | 'userId' | 'account'

const issue = (path: Part, reason: string, params?: FieldIssue['params']): FieldIssue => ({
  path,
  key: `connection.${reason}`,
  ...(params ? { params } : {}),
})

/** Current servers (since 2026-07-20): the `AUTH_*` code says which part is wrong. */
const CURRENT_CODES: Record<string, FieldIssue> = {
  AUTH_UNAUTHORIZED: issue('accessToken', 'tokenRejected'),
  AUTH_TOKEN_EXPIRED: issue('accessToken', 'tokenExpired'),
  AUTH_SESSION_REVOKED: issue('accessToken', 'tokenExpired'),
  AUTH_USER_INVALID: issue('account', 'userInvalid'),
  AUTH_USER_DISABLED: issue('account', 'userDisabled'),
  AUTH_INSUFFICIENT_PRIVILEGE: issue('account', 'roleTooLow'),
}

/** Classic servers: only the (hard-coded Chinese) text tells. */
const CLASSIC_TEXTS: [RegExp, FieldIssue][] = [
  [/access token/, issue('accessToken', 'tokenRejected')],
  [/New-Api-User 与登录用户不匹配/, issue('userId', 'userIdMismatch')],
  [/New-Api-User/, issue('userId', 'userIdRejected')],
  [/用户已被封禁/, issue('account', 'userDisabled')],
  [/权限不足/, issue('account', 'roleTooLow')],
]

function credentialIssue(error: AppError): FieldIssue {
  const byCode = error.details?.serverCode ? CURRENT_CODES[error.details.serverCode] : undefined
  if (byCode) return byCode
  const byText = CLASSIC_TEXTS.find(([pattern]) => pattern.test(error.message))?.[1]
  if (byText) return byText
  return error.code === 'forbidden' ? issue('account', 'roleTooLow') : issue('accessToken', 'tokenRejected')
}

function addressIssue(error: AppError): FieldIssue | null {
  if (error instanceof TransportError) return issue('baseUrl', error.failure)
  const status = error.details?.httpStatus
  if (error.code === 'bad-response' && status !== undefined && status >= 300 && status < 400)
    return issue('baseUrl', 'redirect')
  if (error.code === 'bad-response' || error.code === 'too-large') return issue('baseUrl', 'notNewApi')
  if (error.code === 'not-found' && error.details?.routeMissing) return issue('baseUrl', 'notNewApi')
  return null
}

/** The failure of one stage of the check, with the wrong part marked; other failures pass unchanged. */
export function diagnoseConnection(error: unknown, stage: ConnectionStage): unknown {
  if (!(error instanceof AppError)) return error
  let found = addressIssue(error)
  if (!found && stage === 'self' && (error.code === 'auth' || error.code === 'forbidden'))
    found = credentialIssue(error)
  if (!found && error.code === 'access-token-missing') found = issue('accessToken', 'tokenMissing')
  if (!found) return error
  return new AppError(error.code, error.message, { ...error.details, fields: [found] })
}

/** The token works but belongs to someone else (current servers do not check the user id at all). */
export function otherUser(actual: number, typed: number): AppError {
  return new AppError('auth', `The access token belongs to user ${actual}, not user ${typed}.`, {
    fields: [issue('userId', 'userIdIsOther', { actual })],
  })
}
