import { setTimeout as sleep } from 'node:timers/promises'
import { type Token } from '@shared/domain/token'
import { editableOf } from '@shared/domain/token-values'
import { AppError } from '@shared/result'
import type { GatewayClient } from '../gateway/gateway-client'
import { asAppError, WriteFailure, type EarlierAttempt, type EarlierRead } from './write-failure'
import { judgeEarlierWrite, mayHaveBeenApplied, nextAttemptDelay } from './write-retry'

// The one write cycle every full update goes through — the editor's save, the sync of a draft, a bulk
// change: fresh read → body built by the caller from that read (or "nothing to send", or "stop" — a
// conflict, a rule the result breaks) → PUT right behind the read (the pacer admits the two together)
// → result. A failure that may pass runs the whole cycle again, never the same body (write-retry.ts);
// when the failed PUT may have landed, the next fresh read first tells whether it did, and a relative
// quota change ("add Y") whose earlier attempt cannot be told apart is not sent again but reported.
//
// Each written result carries the refund it caused, measured exactly: the PUT's answer is the row as the
// handler read it just before writing, with the body applied — its `used_quota` is not written by the
// PUT — so `answer.used_quota − fresh.used_quota` is the usage that landed between the read and the
// write and was handed back (docs/newapi-behaviour.md §6).

export type Build<S> =
  { kind: 'send'; body: Record<string, unknown> } | { kind: 'nothing' } | { kind: 'stop'; reason: S }

export type CycleResult<S> =
  | {
      kind: 'written'
      token: Token
      fresh: Token
      body: Record<string, unknown>
      /** Quota units of usage the write handed back; null when the server's answer carried no row. */
      refund: number | null
      /**
       * Built on a read older than this cycle's (the caller's `firstRead`, or the read of an earlier
       * attempt found landed): the refund covers the time since that read.
       */
      readGiven: boolean
      requests: number
    }
  /** The server already holds what the edit wants: nothing was sent. */
  | { kind: 'unchanged'; token: Token; requests: number }
  | { kind: 'stopped'; fresh: Token; reason: S; requests: number }

export interface CycleOptions {
  /** The edit adds to the quota: an attempt of unknown outcome must never be sent again blindly. */
  relative: boolean
  earlier?: EarlierAttempt | null
  /**
   * Runs after the body is built and before it is sent, with what a later attempt (or a restart) needs
   * to judge this one. Only relative edits need it: it sits inside the read → PUT window.
   */
  beforeSend?: (attempt: EarlierAttempt) => Promise<void>
  /**
   * A read of this token the caller already holds, seconds old at most (a bulk job's list page): the
   * first attempt builds on it and sends only the PUT. Its refund then covers the usage since that read,
   * which the caller takes back off (sync-draft.ts). Later attempts read afresh as always.
   */
  firstRead?: Token | null
  random?: () => number
}

const OUTCOME_UNKNOWN =
  'An earlier attempt of this change may have reached the server; sending it again could add the quota twice. Check the token on the server, then send it again or discard it.'

function readOf(token: Token): EarlierRead {
  return { ...editableOf(token), used_quota: token.used_quota }
}

type Planned<S> =
  | { kind: 'send'; body: Record<string, unknown> }
  | { kind: 'nothing' }
  | { kind: 'stop'; reason: S }
  | { kind: 'earlier-landed' }
  | { kind: 'earlier-unknown' }

export async function runWriteCycle<S>(
  client: GatewayClient,
  tokenId: number,
  build: (fresh: Token) => Build<S>,
  options: CycleOptions,
): Promise<CycleResult<S>> {
  let earlier = options.earlier ?? null
  let requests = 0
  for (let attempt = 1; ; attempt += 1) {
    let paired
    const given = attempt === 1 ? (options.firstRead ?? null) : null
    try {
      const plan = async (fresh: Token): Promise<Planned<S> & { body: Record<string, unknown> | null }> => {
        if (earlier) {
          const verdict = judgeEarlierWrite(earlier.before, earlier.sent, readOf(fresh))
          if (verdict === 'applied') return { kind: 'earlier-landed', body: null }
          if (verdict === 'unknown' && options.relative) return { kind: 'earlier-unknown', body: null }
          // It did not land, or it was absolute and sending it again does no harm: judged, done.
          earlier = null
        }
        const built = build(fresh)
        if (built.kind !== 'send') return { ...built, body: null }
        await options.beforeSend?.({ before: readOf(fresh), sent: built.body })
        return built
      }
      paired = given ? await client.updateFromRead(given, plan) : await client.readThenUpdate(tokenId, plan)
    } catch (error) {
      // The read failed, or what runs between it and the PUT did (the plan, saving the attempt): the PUT
      // was not sent.
      if (!given) requests += 1
      const delay = nextAttemptDelay(error, attempt, options.random)
      if (delay === null) throw new WriteFailure(asAppError(error), earlier, requests)
      await sleep(delay)
      continue
    }
    const { fresh, plan, outcome } = paired
    requests += (given ? 0 : 1) + (outcome ? 1 : 0)
    if (plan.kind === 'earlier-landed' && earlier) return landedBefore(earlier, fresh, requests)
    switch (plan.kind) {
      case 'earlier-landed': // judged with `earlier` set: handled above
      case 'nothing':
        return { kind: 'unchanged', token: fresh, requests }
      case 'earlier-unknown':
        throw new WriteFailure(new AppError('conflict', OUTCOME_UNKNOWN), earlier, requests)
      case 'stop':
        return { kind: 'stopped', fresh, reason: plan.reason, requests }
    }
    if (!outcome) throw new Error('write cycle: a planned body was not sent')
    if (outcome.ok) {
      const answer = outcome.answer
      return {
        kind: 'written',
        token: answer ?? ({ ...fresh, ...plan.body } as Token),
        fresh,
        body: plan.body,
        refund: answer ? Math.max(0, answer.used_quota - fresh.used_quota) : null,
        readGiven: given !== null,
        requests,
      }
    }
    // A later attempt judges this one on its fresh read when it may have landed.
    if (mayHaveBeenApplied(outcome.error)) earlier = { before: readOf(fresh), sent: plan.body }
    const delay = nextAttemptDelay(outcome.error, attempt, options.random)
    if (delay === null) throw new WriteFailure(asAppError(outcome.error), earlier, requests)
    await sleep(delay)
  }
}

/**
 * An attempt that landed although its answer was lost (a crash, a dropped connection) is reported as the
 * write it was, with the refund it caused measured from the fresh read: usage since its read, less what
 * the row lost after the write (`sent − now`), is what the write handed back. It counts as built on an
 * older read, so the caller takes that refund back off as after a list page's read (sync-draft.ts).
 * null when the numbers do not add up (someone else edited the quota).
 */
function landedBefore<S>(earlier: EarlierAttempt, fresh: Token, requests: number): CycleResult<S> {
  const sent = earlier.sent.remain_quota
  const used = fresh.used_quota - earlier.before.used_quota
  const refund = typeof sent === 'number' ? used - (sent - fresh.remain_quota) : null
  return {
    kind: 'written',
    token: fresh,
    fresh: { ...fresh, ...earlier.before },
    body: earlier.sent,
    refund: refund !== null && refund >= 0 && refund <= used ? refund : null,
    readGiven: true,
    requests,
  }
}
