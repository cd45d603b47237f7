import { AppError } from '@shared/result'

// How an older server says "I do not have this route" (docs/newapi-behaviour.md §1): HTTP 404 with an
// OpenAI-style `Invalid URL (...)` body. A missing *record* is different: HTTP 200, success:false,
// `record not found`. Only the first tells the client a feature is absent.

export function isUnknownRoute(error: unknown): boolean {
  return error instanceof AppError && error.code === 'not-found' && error.details?.httpStatus === 404
}

/**
 * `GET /api/token/auto-groups` on a server from before 2026-08-01 falls through to `GET /api/token/{id}`
 * with the id "auto-groups": Go's Atoi fails (`strconv.Atoi: parsing "auto-groups": invalid syntax`),
 * or a variant answers `record not found`, or a proxy answers 404. The real route takes no input and
 * cannot fail validation, so any of those answers means the route is missing — no message is parsed.
 */
export function isMissingAutoGroupsRoute(error: unknown): boolean {
  return error instanceof AppError && (error.code === 'not-found' || error.code === 'validation')
}

/** `record not found` (HTTP 200, success:false): the token is gone — not a route the server lacks. */
export function isRecordMissing(error: unknown): boolean {
  return error instanceof AppError && error.code === 'not-found' && !error.details?.routeMissing
}
