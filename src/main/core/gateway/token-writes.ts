import { z } from 'zod'
import { type Token } from '@shared/domain/token'
import { documentFieldsOf, TOKEN_STATUS, type WithEditableFields } from '@shared/domain/token-values'
import { AppError } from '@shared/result'
import type { GatewayContext } from './gateway-context'
import { parseOrBadResponse, parseToken } from './parse-answer'
import { isRecordMissing, isUnknownRoute } from './unknown-route'

// The writes besides create and the full update (token-update.ts): status-only update, delete and batch
// delete. None is repeated here or by the pacer; the write cycle decides (writes/write-retry.ts).

export type SettableStatus = typeof TOKEN_STATUS.enabled | typeof TOKEN_STATUS.disabled

/**
 * `PUT /api/token/?status_only=true` stores only `status` — any number, unvalidated — so only 1 (enable)
 * and 2 (disable) ever leave the client. The server re-writes the rest of the row from its own read a
 * moment earlier, so the body needs no fresh read (one request): it carries the document's fields from
 * the token as last seen to satisfy the user's API document, and no fork fields, whose exact values a
 * cached copy may not hold.
 */
export async function updateTokenStatus(
  ctx: GatewayContext,
  seen: WithEditableFields & { id: number },
  status: number,
): Promise<Token> {
  if (status !== TOKEN_STATUS.enabled && status !== TOKEN_STATUS.disabled) {
    throw new AppError('validation', `A token can only be enabled (1) or disabled (2), not set to ${status}.`)
  }
  const body = { id: seen.id, ...documentFieldsOf(seen), status }
  const data = await ctx.http.request({
    method: 'PUT',
    path: '/api/token/',
    query: { status_only: 'true' },
    body,
  })
  if (data !== undefined && data !== null) return parseToken(data, 'the updated token')
  // Some versions answer without data: read the row back.
  return parseToken(await ctx.http.request({ method: 'GET', path: `/api/token/${seen.id}` }), 'the token')
}

export async function deleteToken(ctx: GatewayContext, id: number): Promise<void> {
  // The next create lists again: the server may give this id (if it was the newest) to a new token.
  ctx.newestSeen = null
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
  ctx.newestSeen = null
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
      if (!isRecordMissing(error)) throw error
    }
  }
  return deleted
}
