import type { DraftResolution } from '@shared/contract/draft-contract'
import type { Draft } from '@shared/domain/draft'
import { bothAmounts } from '@shared/domain/quota-conflict'
import { applyQuotaIntent } from '@shared/domain/quota-intent'
import { editableOf } from '@shared/domain/token-values'
import { tokenChangesShapeSchema } from '@shared/domain/token-fields'
import { AppError } from '@shared/result'
import { validationError } from '../validation-error'

// The user's answer to a stopped draft, turned back into a draft that can be queued (null = discard):
// - per conflicting field: keep mine (the server's value becomes the base, so mine wins the next merge),
//   take theirs (the field leaves the draft), or a value the user typed (likewise over the server's);
// - a quota set while it was changed on the server: the amount set, the server's (the amount leaves the
//   draft), or both (the amount set plus the server's change), each measured from the server's sum now;
// - a token deleted on the server: discard the draft, or recreate the token as the user wanted it.
// The next sync merges again with whatever the server holds then, so a further change there is noticed.

export function resolveDraft(draft: Draft, resolution: DraftResolution): Draft | null {
  const conflict = draft.conflict
  if (!conflict || conflict.kind !== resolution.kind)
    throw new AppError('validation', 'That draft has no such conflict to resolve (it may have changed).')
  if (resolution.kind === 'deleted') return resolution.action === 'discard' ? null : recreated(draft)
  if (conflict.kind !== 'fields' || !draft.base)
    throw new AppError('internal', 'A field conflict without a base.')

  const base = { ...draft.base }
  const changes: Record<string, unknown> = { ...draft.changes }
  for (const { field } of conflict.fields) {
    const choice = resolution.choices.find((candidate) => candidate.field === field)
    if (!choice) throw new AppError('validation', `Choose a value for “${field}”.`)
    if (choice.take === 'theirs') {
      delete changes[field]
      continue
    }
    Object.assign(base, { [field]: conflict.theirs[field] })
    if (choice.take === 'value') changes[field] = choice.value
  }
  let quota = draft.quota
  if (conflict.quota) {
    if (!resolution.quota) throw new AppError('validation', 'Choose the remaining quota to keep.')
    // Measured from the server's quota from now on, whatever the answer: a further change there shows.
    Object.assign(base, {
      remain_quota: conflict.theirs.remain_quota,
      quota_total: conflict.theirs.quota_total,
    })
    if (resolution.quota === 'theirs') quota = null
    if (resolution.quota === 'both') quota = { mode: 'set', value: bothAmounts(conflict.quota) }
  }
  const parsed = tokenChangesShapeSchema.safeParse(changes)
  if (!parsed.success) throw validationError(parsed.error)
  return { ...draft, base, changes: parsed.data, quota, conflict: null }
}

/** A create with every field as the draft wanted the deleted token to be. */
function recreated(draft: Draft): Draft {
  if (!draft.base) throw new AppError('internal', 'A draft of a deleted token without its base.')
  const { remain_quota: quota, ...fields } = { ...editableOf(draft.base), ...draft.changes }
  const limited = !fields.unlimited_quota
  return {
    ...draft,
    kind: 'create',
    tokenId: null,
    base: null,
    changes: fields,
    quota: limited ? { mode: 'set', value: Math.max(0, applyQuotaIntent(quota, draft.quota)) } : null,
    wantStatus: draft.wantStatus === 2 ? 2 : null,
    conflict: null,
    inFlight: null,
  }
}
