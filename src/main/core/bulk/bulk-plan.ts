import { randomUUID } from 'node:crypto'
import type { BulkChange } from '@shared/domain/bulk-change'
import { applyBulkChange } from '@shared/domain/bulk-apply'
import type { BulkCheckContext, BulkFieldChange } from '@shared/domain/bulk-result'
import { undoBulkChange } from '@shared/domain/bulk-undo'
import { draftBaseOf } from '@shared/domain/draft-base'
import type { Token } from '@shared/domain/token'
import type { AppErrorData, FieldIssue } from '@shared/result'
import type { StoredItem } from './bulk-store'

// A job's items from the tokens as main's cache holds them (the renderer's copies are never trusted):
// each token's draft under the change (bulk-apply.ts) or under the undo of an earlier job (bulk-undo.ts),
// with the before → after values it changes, or why it is skipped. Draft ids are chosen here, before
// anything is queued, so the job on disk names its drafts even if the app stops right after saving it.

const NOT_LISTED: AppErrorData = {
  code: 'not-found',
  message: 'This token is not in the list as last read from the server: refresh the list and try again.',
}

function refusedBy(fields: FieldIssue[]): AppErrorData {
  return { code: 'validation', message: 'The change breaks a rule for this token.', details: { fields } }
}

function item(tokenId: number, name: string, part: Partial<StoredItem>): StoredItem {
  return {
    tokenId,
    name,
    state: 'skipped',
    draftId: null,
    error: null,
    requests: 0,
    refund: null,
    applied: [],
    base: null,
    draft: null,
    ...part,
  }
}

/** Each named token (once, in the order given: `{n}` counts along it) under `change`. */
export function planApply(
  tokenIds: readonly number[],
  change: BulkChange,
  tokens: readonly Token[],
  ctx: BulkCheckContext,
): StoredItem[] {
  const byId = new Map(tokens.map((token) => [token.id, token]))
  const unique = [...new Set(tokenIds)]
  return unique.map((tokenId, index) => {
    const token = byId.get(tokenId)
    if (!token) return item(tokenId, '', { error: NOT_LISTED })
    const base = draftBaseOf(token)
    const result = applyBulkChange(base, change, { ...ctx, position: index + 1 })
    if (result.errors.length > 0) return item(tokenId, token.name, { base, error: refusedBy(result.errors) })
    // Nothing to change (it already holds what was asked): skipped without an error.
    if (!result.draft) return item(tokenId, token.name, { base })
    return item(tokenId, token.name, {
      state: 'queued',
      draftId: randomUUID(),
      base,
      draft: result.draft,
      applied: result.diff,
    })
  })
}

/** The undo of every token `applied` reached, against the tokens as the cache holds them now. */
export function planUndo(
  applied: readonly StoredItem[],
  tokens: readonly Token[],
  ctx: BulkCheckContext,
): StoredItem[] {
  const byId = new Map(tokens.map((token) => [token.id, token]))
  return applied
    .filter((done) => done.state === 'synced' && done.applied.length > 0)
    .map((done) => {
      const token = byId.get(done.tokenId)
      if (!token) return item(done.tokenId, done.name, { error: NOT_LISTED })
      const undo = undoBulkChange(draftBaseOf(token), done.applied as BulkFieldChange[], ctx)
      const skipped = undo.skipped.length > 0 ? refusedBy(undo.skipped) : null
      if (!undo.draft) return item(done.tokenId, token.name, { base: undo.base, error: skipped })
      const reverted = done.applied.map(({ field, before, after }) => ({
        field,
        before: after,
        after: before,
      }))
      return item(done.tokenId, token.name, {
        state: 'queued',
        draftId: randomUUID(),
        base: undo.base,
        draft: undo.draft,
        applied: reverted,
      })
    })
}
