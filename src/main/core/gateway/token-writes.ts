import { z } from 'zod'
import { TOKEN_STATUS, type Token } from '@shared/domain/token'
import { buildUpdateBody } from '@shared/domain/update-body'
import { AppError } from '@shared/result'
import type { GatewayContext } from './gateway-context'
import { parseOrBadResponse, parseToken } from './parse-answer'
import { isUnknownRoute } from './unknown-route'

// The writes besides create: full update, status-only update, delete and batch delete.

/**
 * `PUT /api/token/` replaces the whole row and zeroes every omitted field (expired_time 0 = expired,
 * remain_quota 0...), so a body missing one of the document's fields is a bug in TokenDesk: refuse it
 * before it reaches the server. Extra fields (fork fields, cross_group_retry, auto_groups) pass.
 */
const fullBodySchema = z.looseObject({
  id: z.number().int().positive(),
  name: z.string(),
  remain_quota: z.number().int(),
  expired_time: z.number().int(),
  unlimited_quota: z.boolean(),
  model_limits_enabled: z.boolean(),
  model_limits: z.string(),
  allow_ips: z.string(),
  group: z.string(),
})

export async function updateToken(ctx: GatewayContext, body: Record<string, unknown>): Promise<Token> {
  const parsed = fullBodySchema.safeParse(body)
  if (!parsed.success) {
    throw new AppError('internal', 'A full token update must carry every field; nothing was sent.')
  }
  // Sent once: the pacer never repeats a full replace (retry-policy.ts), its caller does, reading anew.
  const data = await ctx.http.request({ method: 'PUT', path: '/api/token/', body })
  // The row is written by now. A server (or fork) that answers without `data` is not a failure: read
  // the row back instead of reporting a bad answer for a save that happened.
  if (data === undefined || data === null) return readToken(ctx, parsed.data.id)
  return parseToken(data, 'the updated token')
}

async function readToken(ctx: GatewayContext, id: number): Promise<Token> {
  return parseToken(await ctx.http.request({ method: 'GET', path: `/api/token/${id}` }), 'the token')
}

export type SettableStatus = typeof TOKEN_STATUS.enabled | typeof TOKEN_STATUS.disabled

/**
 * `PUT /api/token/?status_only=true` stores any status number unvalidated, so only 1 (enable) and
 * 2 (disable) ever leave the client. The server reads only `status`, but the body is still the full
 * token, read here right before the PUT (never one a caller loaded earlier): it satisfies the user's
 * document for `PUT /api/token/`, and should a server ignore `status_only`, the full replace writes back
 * what it held a moment ago rather than a stale quota.
 */
export async function updateTokenStatus(ctx: GatewayContext, id: number, status: number): Promise<Token> {
  if (status !== TOKEN_STATUS.enabled && status !== TOKEN_STATUS.disabled) {
    throw new AppError('validation', `A token can only be enabled (1) or disabled (2), not set to ${status}.`)
  }
  const fresh = await readToken(ctx, id)
  if (fresh.id !== id) throw new AppError('internal', 'The token read for a status change is another one.')
  const body = { ...buildUpdateBody(fresh, {}, null), status }
  const data = await ctx.http.request({
    method: 'PUT',
    path: '/api/token/',
    query: { status_only: 'true' },
    body,
  })
  // Some versions answer without data: the row is the one just read, with the new status.
  return data === undefined || data === null ? { ...fresh, status } : parseToken(data, 'the updated token')
}

export async function deleteToken(ctx: GatewayContext, id: number): Promise<void> {
  await ctx.http.request({ method: 'DELETE', path: `/api/token/${id}` })
}

/** No documented maximum for the batch; 100 keeps one request small on every server. */
const DELETE_CHUNK = 100

/**
 * Deletes many tokens; returns how many the server deleted (unknown or already deleted ids do not
 * count). `POST /api/token/batch` exists since 2025-06-22; an older server answers "unknown route",
 * which is remembered, and the ids are deleted one by one.
 */
export async function deleteTokens(ctx: GatewayContext, ids: readonly number[]): Promise<number> {
  const unique = [...new Set(ids)]
  let deleted = 0
  for (let start = 0; start < unique.length; start += DELETE_CHUNK) {
    const chunk = unique.slice(start, start + DELETE_CHUNK)
    if (ctx.features()?.batchDelete !== false) {
      try {
        const data = await ctx.http.request({
          method: 'POST',
          path: '/api/token/batch',
          body: { ids: chunk },
        })
        deleted += parseOrBadResponse(z.number().int().nonnegative(), data ?? 0, 'the deleted count')
        continue
      } catch (error) {
        if (!isUnknownRoute(error)) throw error
        ctx.learn({ batchDelete: false })
      }
    }
    deleted += await deleteOneByOne(ctx, chunk)
  }
  return deleted
}

async function deleteOneByOne(ctx: GatewayContext, ids: readonly number[]): Promise<number> {
  let deleted = 0
  for (const id of ids) {
    try {
      await deleteToken(ctx, id)
      deleted += 1
    } catch (error) {
      // Already gone (or someone else's): the batch route would not count it either. A missing route
      // is a different story: the server cannot delete at all, so that error stands.
      const alreadyGone =
        error instanceof AppError && error.code === 'not-found' && !error.details?.routeMissing
      if (!alreadyGone) throw error
    }
  }
  return deleted
}
