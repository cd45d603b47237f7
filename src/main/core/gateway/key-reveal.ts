import { z } from 'zod'
import { AppError } from '@shared/result'
import type { GatewayContext } from './gateway-context'
import { isMaskedKey, parseOrBadResponse, withSkPrefix } from './parse-answer'
import { listAllTokens } from './token-pages'
import { isUnknownRoute } from './unknown-route'
import type { GatewayHttpClient } from './http-client'

// Plaintext keys. Since 2026-03-08 lists mask keys and `POST /api/token/{id}/key` reveals one; since
// 2026-04-06 `POST /api/token/batch/keys` reveals up to 100. Both count against the server's small
// "critical" limit (20 per 20 min, shared with login), so they go through the pacer's critical bucket.
// Older servers have neither route but send keys unmasked in lists: those keys are used instead.

export const MAX_KEYS_PER_BATCH = 100

const oneKeySchema = z.looseObject({ key: z.string().min(1) })
const batchKeysSchema = z.looseObject({ keys: z.record(z.string(), z.string()).nullish() })

const noReveal = () =>
  new AppError('not-found', 'This server neither reveals keys nor sends them unmasked.', { httpStatus: 404 })

export async function revealKey(ctx: GatewayContext, id: number): Promise<string> {
  if (ctx.features()?.keyReveal !== false) {
    try {
      const data = await ctx.http.request({
        method: 'POST',
        path: `/api/token/${id}/key`,
        bucket: 'critical',
      })
      return withSkPrefix(parseOrBadResponse(oneKeySchema, data, 'the key').key)
    } catch (error) {
      if (!isUnknownRoute(error)) throw error
      ctx.learn({ keyReveal: false, batchKeyReveal: false })
    }
  }
  const keys = await keysFromList(ctx)
  if (!keys) throw noReveal()
  const key = keys.get(id)
  if (key === undefined) throw new AppError('not-found', 'record not found')
  return key
}

/**
 * Keys of many tokens, `sk-` prefixed, by id. Ids the server does not know (or that are someone
 * else's) are absent from the answer, as the server omits them.
 */
export async function revealKeys(ctx: GatewayContext, ids: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)]
  const keys = new Map<number, string>()
  if (unique.length === 0) return keys
  if (ctx.features()?.batchKeyReveal !== false) {
    try {
      for (let start = 0; start < unique.length; start += MAX_KEYS_PER_BATCH) {
        const chunk = unique.slice(start, start + MAX_KEYS_PER_BATCH)
        for (const [id, key] of await revealChunk(ctx.http, chunk)) keys.set(id, key)
      }
      return keys
    } catch (error) {
      // Only the first chunk can meet an unknown route; anything else is a real failure.
      if (!isUnknownRoute(error) || keys.size > 0) throw error
      ctx.learn({ batchKeyReveal: false })
    }
  }
  // No batch route. A server with unmasked keys lists them; otherwise reveal one at a time (the pacer
  // holds these to the critical budget, so a long list takes a while rather than tripping the limit).
  const listed = await keysFromList(ctx)
  if (listed) return new Map(unique.filter((id) => listed.has(id)).map((id) => [id, listed.get(id)!]))
  for (const id of unique) {
    try {
      keys.set(id, await revealKey(ctx, id))
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'not-found' && !isUnknownRoute(error))) throw error
    }
  }
  return keys
}

async function revealChunk(http: GatewayHttpClient, ids: number[]): Promise<Map<number, string>> {
  const data = await http.request({
    method: 'POST',
    path: '/api/token/batch/keys',
    body: { ids },
    bucket: 'critical',
  })
  const parsed = parseOrBadResponse(batchKeysSchema, data, 'the keys')
  const keys = new Map<number, string>()
  for (const [id, key] of Object.entries(parsed.keys ?? {})) {
    if (/^\d+$/.test(id) && key !== '') keys.set(Number(id), withSkPrefix(key))
  }
  return keys
}

/** Keys as listed, when the server sends them unmasked; null when it masks them. */
async function keysFromList(ctx: GatewayContext): Promise<Map<number, string> | null> {
  const tokens = await listAllTokens(ctx)
  if (tokens.some((token) => isMaskedKey(token.key))) {
    if (ctx.features()?.maskedKeys === false) ctx.learn({ maskedKeys: true })
    return null
  }
  return new Map(
    tokens.filter((token) => token.key !== '').map((token) => [token.id, withSkPrefix(token.key)]),
  )
}
