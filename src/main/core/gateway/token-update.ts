import { z } from 'zod'
import { tokenDocumentSchema, type Token } from '@shared/domain/token'
import { AppError } from '@shared/result'
import type { GatewayContext } from './gateway-context'
import type { PairedSend } from './http-client'
import { learnNameLimit } from './name-limit'
import { parseToken } from './parse-answer'

// A full update (`PUT /api/token/`) is only ever sent right behind a fresh read of the same token, the two
// admitted by the pacer together (docs/newapi-behaviour.md §6): the body is built from what the server held
// one round trip earlier, so the usage a full replace refunds is that round trip's and no more.

/**
 * `PUT /api/token/` replaces the whole row and zeroes every omitted field (expired_time 0 = expired,
 * remain_quota 0...), so a body missing one of the document's fields is a bug in TokenDesk: refuse it
 * before it reaches the server. Extra fields (fork fields, cross_group_retry) pass.
 */
const fullBodySchema = z.looseObject({ id: z.number().int().positive(), ...tokenDocumentSchema.shape })

/** What to do with the fresh token: send `body` as the full update, or send nothing (`body` null). */
export interface UpdatePlan {
  body: Record<string, unknown> | null
}

/** The PUT's outcome: the answer (null when the server sent no data), or why it failed. */
export type UpdateOutcome = { ok: true; answer: Token | null } | { ok: false; error: unknown }

export interface PairedUpdate<P extends UpdatePlan> {
  /** The token as the server held it just before the PUT. */
  fresh: Token
  plan: P
  /** null when the plan sent nothing. */
  outcome: UpdateOutcome | null
}

/**
 * Reads token `id`, asks `plan` what to send, and sends it at once. A failed read throws (nothing was
 * written); a failed PUT is returned with the read it was built from, because whether to try again —
 * and whether the failed attempt may have landed — is the write cycle's decision.
 */
export function readThenUpdate<P extends UpdatePlan>(
  ctx: GatewayContext,
  id: number,
  plan: (fresh: Token) => P | Promise<P>,
): Promise<PairedUpdate<P>> {
  return ctx.http.together(2, async (send) => {
    const fresh = parseToken(await send({ method: 'GET', path: `/api/token/${id}` }), 'the token')
    if (fresh.id !== id) throw new AppError('internal', 'The server answered with another token than asked.')
    return sendPlanned(ctx, send, fresh, await plan(fresh))
  })
}

/**
 * The full update built from a read the caller already holds — a row of a list page read a moment ago
 * (a bulk job's: one read for a page of tokens instead of one per token). One request; the caller must
 * only hand in a read of a few seconds at most, because the usage since it is what the write refunds
 * (the answer measures it, and the caller corrects it).
 */
export function updateFromRead<P extends UpdatePlan>(
  ctx: GatewayContext,
  fresh: Token,
  plan: (fresh: Token) => P | Promise<P>,
): Promise<PairedUpdate<P>> {
  return ctx.http.together(1, async (send) => sendPlanned(ctx, send, fresh, await plan(fresh)))
}

async function sendPlanned<P extends UpdatePlan>(
  ctx: GatewayContext,
  send: PairedSend,
  fresh: Token,
  decided: P,
): Promise<PairedUpdate<P>> {
  if (decided.body === null) return { fresh, plan: decided, outcome: null }
  if (!fullBodySchema.safeParse(decided.body).success) {
    throw new AppError('internal', 'A full token update must carry every field; nothing was sent.')
  }
  let data: unknown
  try {
    data = await send({ method: 'PUT', path: '/api/token/', body: decided.body })
  } catch (error) {
    learnNameLimit(ctx, error, String(decided.body.name))
    return { fresh, plan: decided, outcome: { ok: false, error } }
  }
  // The server said success: the row is written. An answer in a shape TokenDesk cannot read is no
  // reason to believe otherwise (and to send the write again); it only leaves the refund unknown.
  return { fresh, plan: decided, outcome: { ok: true, answer: readAnswer(data) } }
}

function readAnswer(data: unknown): Token | null {
  if (data === undefined || data === null) return null
  try {
    return parseToken(data, 'the updated token')
  } catch {
    return null
  }
}
