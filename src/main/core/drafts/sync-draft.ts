import { type Draft, type DraftBase, type DraftConflict, type SyncRecord } from '@shared/domain/draft'
import { draftBaseOf } from '@shared/domain/draft-base'
import { mergeDraft } from '@shared/domain/draft-merge'
import { quotaConflictOf } from '@shared/domain/quota-conflict'
import { checkEdit, isEmptyEdit } from '@shared/domain/edit-check'
import { EDITABLE_FIELDS, type Token } from '@shared/domain/token'
import { editableOf } from '@shared/domain/token-values'
import { AUTO_GROUP, type FieldRules } from '@shared/domain/token-fields'
import { splitNameList } from '@shared/domain/name-list'
import { buildUpdateBody } from '@shared/domain/update-body'
import { AppError, type AppErrorData } from '@shared/result'
import { passesWithTime } from '../failure-kinds'
import { isRecordMissing } from '../gateway/unknown-route'
import type { GatewayClient } from '../gateway/gateway-client'
import type { NewTokenFields } from '../gateway/token-create'
import { runCreate } from '../writes/create-write'
import { runDelete } from '../writes/delete-write'
import { runStatusWrite } from '../writes/status-write'
import { runWriteCycle } from '../writes/write-cycle'
import { WriteFailure, type EarlierAttempt } from '../writes/write-failure'
import { mayHaveBeenApplied, sameStored } from '../writes/write-retry'
import { baselineAfter } from './quota-baseline'

// Sending one draft to its server, through the one write cycle (write-cycle.ts) whose body builder is
// the three-way merge: fresh read → merge base, mine and theirs field by field (draft-merge.ts), and a
// "set to" amount against a quota changed on the server meanwhile (quota-conflict.ts) → a conflict stops
// the draft; otherwise the result is checked like any edit (edit-check.ts) and the full PUT is built
// from the fresh token plus the merged fields (fork fields ride along unchanged) and the
// quota intent applied to the fresh quota → no PUT at all when the server already holds that → then the
// status-only call if the draft enables or disables (reviving an expired or exhausted token is the
// update first, then the enable). A status-only draft needs no read. Creates note where they started
// before sending (no duplicates after a crash); a delete of a token already gone is done.

export type SyncResult =
  | {
      kind: 'synced'
      record: SyncRecord
      upsert: Token[]
      removedIds: number[]
      /**
       * The quota sum the token's later drafts are measured against from now on: the draft's own, moved
       * by what its writes changed (quota-conflict.ts); null when unknown (a draft kept before sums).
       */
      quotaBaseline?: number | null
    }
  /** `read`: the token as the server holds it, read for the merge (none when it is gone). */
  | { kind: 'conflict'; conflict: DraftConflict; requests: number; read?: Token }
  /** Stopped for the user: the server refused it, or its outcome cannot be known. */
  | { kind: 'failed'; error: AppErrorData; requests: number; keepInFlight: boolean }
  /** A failure that passes (offline, rate limited, 5xx): try again later, judging `earlier` first. */
  | { kind: 'retry'; error: AppErrorData; earlier: EarlierAttempt | null; requests: number }

export interface SyncContext {
  client: GatewayClient
  now: () => number
  rules: () => FieldRules
  /** Saves what a crash must not lose before the write that needs it leaves (resolves once on disk). */
  saveInFlight: (inFlight: NonNullable<Draft['inFlight']>) => Promise<void>
  /** The update landed but the status change after it has not yet: only the status change is left. */
  saveUpdateDone: (base: DraftBase) => Promise<void>
  /** The create landed: what is left (a status change) is an edit of the new token. */
  saveCreated: (token: Token) => Promise<void>
  /**
   * A read of the token taken a moment ago (a bulk job's list page), used once instead of reading it
   * again; null when there is none (or it is too old).
   */
  freshRead?: (tokenId: number) => Token | null
  /** What a corrective write that failed is told with (it leaves the measured refund in place). */
  onCorrectionFailed?: (tokenId: number, error: unknown) => void
}

type Stop = { kind: 'conflict'; conflict: DraftConflict } | { kind: 'invalid'; error: AppError }

function nameOf(draft: Draft): string {
  return draft.changes.name ?? draft.base?.name ?? ''
}

function record(
  draft: Draft,
  part: Omit<SyncRecord, 'draftId' | 'kind' | 'name'> & { name?: string },
): SyncRecord {
  return { draftId: draft.id, kind: draft.kind, name: part.name ?? nameOf(draft), ...part }
}

export async function syncDraft(draft: Draft, ctx: SyncContext): Promise<SyncResult> {
  try {
    if (draft.kind === 'create') return await syncCreate(draft, ctx)
    if (draft.kind === 'delete') return await syncDelete(draft, ctx)
    return await syncUpdate(draft, ctx)
  } catch (error) {
    return failureOf(draft, error)
  }
}

function failureOf(draft: Draft, error: unknown): SyncResult {
  const requests = error instanceof WriteFailure ? error.requests : 0
  if (draft.kind !== 'create' && isRecordMissing(error))
    return { kind: 'conflict', conflict: { kind: 'deleted' }, requests }
  const cause = error instanceof WriteFailure ? error.failure : error
  const data: AppErrorData =
    cause instanceof AppError ? cause.toData() : { code: 'internal', message: String(cause) }
  if (passesWithTime(data)) {
    const earlier = error instanceof WriteFailure ? error.earlier : null
    return { kind: 'retry', error: data, earlier, requests }
  }
  // A create refused outright made nothing: its marker is moot. Anything else keeps its notes.
  const keepInFlight = draft.kind !== 'create' || mayHaveBeenApplied(cause)
  return { kind: 'failed', error: data, requests, keepInFlight }
}

async function syncUpdate(draft: Draft, ctx: SyncContext): Promise<SyncResult> {
  const base = draft.base
  if (!base || draft.tokenId === null) throw new AppError('internal', 'An update draft without its token.')
  const edit = { changes: draft.changes, quota: draft.quota }
  let token: Token | null = null
  let refund: number | null = null
  let quotaWritten: SyncRecord['quota'] = null
  /** The token as read before the first write, to tell how much the writes moved its quota sum. */
  let readBefore: Token | null = null
  /** The token as read when the merge stopped on a conflict: what the table should show meanwhile. */
  let readAtConflict: Token | undefined
  let requests = 0
  const fields: string[] = []

  if (!isEmptyEdit(edit)) {
    const result = await runWriteCycle<Stop>(
      ctx.client,
      draft.tokenId,
      (fresh) => {
        const merged = mergeDraft(base, draft.changes, editableOf(fresh))
        const quota = quotaConflictOf(base, draft.quota, fresh)
        if (merged.conflicts.length > 0 || quota) {
          const conflict: DraftConflict = {
            kind: 'fields',
            fields: merged.conflicts,
            ...(quota ? { quota } : {}),
            theirs: draftBaseOf(fresh),
          }
          readAtConflict = fresh
          return { kind: 'stop', reason: { kind: 'conflict', conflict } }
        }
        const checked = checkEdit(
          editableOf(fresh),
          { changes: merged.write, quota: draft.quota },
          ctx.rules(),
        )
        if (!checked.ok) {
          const error = new AppError('validation', 'The merged change breaks a rule.', {
            fields: checked.issues,
          })
          return { kind: 'stop', reason: { kind: 'invalid', error } }
        }
        const body = buildUpdateBody(fresh, checked.edit.changes, draft.quota)
        // A field the body leaves out (the Auto order) is kept by the server: no change.
        const unchanged = EDITABLE_FIELDS.every(
          (field) => !(field in body) || sameStored(body[field], fresh[field]),
        )
        return unchanged ? { kind: 'nothing' } : { kind: 'send', body }
      },
      {
        relative: draft.quota?.mode === 'add',
        earlier: draft.inFlight?.earlier ?? null,
        // A read carried over from before a crash must not be taken for a fresh one: only a clean draft.
        firstRead: draft.inFlight === null ? (ctx.freshRead?.(draft.tokenId) ?? null) : null,
        // Only a relative change needs its attempt on disk before it leaves (see write-cycle.ts).
        beforeSend:
          draft.quota?.mode === 'add'
            ? (attempt) => ctx.saveInFlight({ startedAt: ctx.now(), earlier: attempt, createMarker: null })
            : undefined,
      },
    )
    requests += result.requests
    if (result.kind === 'stopped') {
      if (result.reason.kind === 'conflict')
        return { kind: 'conflict', conflict: result.reason.conflict, requests, read: readAtConflict }
      return { kind: 'failed', error: result.reason.error.toData(), requests, keepInFlight: false }
    }
    token = result.token
    if (result.kind === 'written') {
      readBefore = result.fresh
      refund = result.refund
      for (const field of EDITABLE_FIELDS)
        if (field in result.body && !sameStored(result.body[field], result.fresh[field])) fields.push(field)
      if (fields.includes('remain_quota'))
        quotaWritten = { before: result.fresh.remain_quota, after: Number(result.body.remain_quota) }
      if (result.readGiven && refund !== null && refund > 0) {
        const corrected = await takeBackRefund(ctx, draft.tokenId, refund)
        if (corrected) {
          requests += corrected.requests
          token = corrected.token
          refund = corrected.refund
        }
      }
    }
    if (draft.wantStatus !== null && token.status !== draft.wantStatus)
      await ctx.saveUpdateDone(draftBaseOf(token))
  }

  if (draft.wantStatus !== null && (token === null || token.status !== draft.wantStatus)) {
    const status = await runStatusWrite(ctx.client, token ?? base, draft.wantStatus)
    requests += status.requests
    token = status.token
    fields.push('status')
  }
  const quotaBaseline = baselineAfter(base, readBefore, token)
  // An edit with nothing left in it (everything set back) asks nothing of the server.
  if (!token) {
    const at = ctx.now()
    const outcome = 'unchanged' as const
    return {
      kind: 'synced',
      record: record(draft, { tokenId: draft.tokenId, at, outcome, fields, refund, requests }),
      upsert: [],
      removedIds: [],
      quotaBaseline,
    }
  }
  return {
    kind: 'synced',
    record: record(draft, {
      tokenId: token.id,
      name: token.name,
      at: ctx.now(),
      outcome: fields.length > 0 ? 'written' : 'unchanged',
      fields,
      refund,
      requests,
      quota: quotaWritten,
    }),
    upsert: [token],
    removedIds: [],
    quotaBaseline,
  }
}

/**
 * The write built on an older read (a list page's) handed back `refund` units of usage: one more cycle —
 * a fresh read and a PUT right behind it — takes them back off, so what is left refunded is that cycle's
 * own round trip. Relative, so an attempt of unknown outcome is never sent twice. A failure leaves the
 * first refund as measured (the draft's own change is on the server either way).
 */
async function takeBackRefund(
  ctx: SyncContext,
  tokenId: number,
  refund: number,
): Promise<{ token: Token; refund: number; requests: number } | null> {
  try {
    const result = await runWriteCycle<never>(
      ctx.client,
      tokenId,
      (fresh) => ({ kind: 'send', body: buildUpdateBody(fresh, {}, { mode: 'add', delta: -refund }) }),
      { relative: true },
    )
    if (result.kind !== 'written') return null
    return { token: result.token, refund: result.refund ?? refund, requests: result.requests }
  } catch (error) {
    ctx.onCorrectionFailed?.(tokenId, error)
    return null
  }
}

async function syncCreate(draft: Draft, ctx: SyncContext): Promise<SyncResult> {
  const { changes } = draft
  const fields: NewTokenFields = {
    name: changes.name ?? '',
    remain_quota: draft.quota?.mode === 'set' ? draft.quota.value : 0,
    expired_time: changes.expired_time ?? -1,
    unlimited_quota: changes.unlimited_quota ?? false,
    model_limits_enabled: changes.model_limits_enabled ?? false,
    model_limits: changes.model_limits ?? '',
    allow_ips: changes.allow_ips ?? '',
    group: changes.group ?? '',
    // Only with `auto` (any other group switches both off on the server); left out otherwise, so a
    // create looks to an older server exactly as before these fields existed.
    ...(changes.group === AUTO_GROUP && changes.cross_group_retry ? { cross_group_retry: true } : {}),
    ...(changes.group === AUTO_GROUP && changes.auto_groups
      ? { auto_groups: splitNameList(changes.auto_groups) }
      : {}),
  }
  const created = await runCreate(ctx.client, fields, {
    marker: (draft.inFlight?.createMarker as Parameters<typeof runCreate>[2]['marker']) ?? null,
    saveMarker: (marker) => ctx.saveInFlight({ startedAt: ctx.now(), earlier: null, createMarker: marker }),
  })
  let { token } = created
  let { requests } = created
  if (token && draft.wantStatus === 2) {
    await ctx.saveCreated(token)
    const status = await runStatusWrite(ctx.client, token, 2)
    requests += status.requests
    token = status.token
  }
  return {
    kind: 'synced',
    record: record(draft, {
      tokenId: token?.id ?? null,
      at: ctx.now(),
      outcome: 'created',
      fields: Object.keys(fields),
      refund: null,
      requests,
    }),
    upsert: token ? [token] : [],
    removedIds: [],
  }
}

async function syncDelete(draft: Draft, ctx: SyncContext): Promise<SyncResult> {
  if (draft.tokenId === null) throw new AppError('internal', 'A delete draft without its token.')
  const deleted = await runDelete(ctx.client, draft.tokenId)
  return {
    kind: 'synced',
    record: record(draft, {
      tokenId: draft.tokenId,
      at: ctx.now(),
      outcome: deleted.outcome,
      fields: [],
      refund: null,
      requests: deleted.requests,
    }),
    upsert: [],
    removedIds: [draft.tokenId],
  }
}
