import type { FieldIssue } from '../result'
import type { BulkEdit } from './bulk-change'
import type { BulkCheckContext, BulkResult } from './bulk-result'
import type { DraftBase } from './draft'
import { effectiveStatus } from './effective-status'
import { normalizeNameList, splitNameList } from './name-list'
import { NEVER_EXPIRES, TOKEN_STATUS } from './token-values'
import { utf8Bytes } from './token-fields'

// What the preview tells the user about one token besides errors: the change is allowed, but it may not
// do what they expect. Each is a field issue (i18n key under `fields.bulk.`, path = the token field).

/** What the server offers, when it was read (group-catalog.ts): checks that need it are skipped without. */
export interface BulkCatalogue {
  /** Names of the groups a token may use ('' — the user's own group — is always allowed). */
  groups?: readonly string[]
  /** Models per group, keyed by group name ('' = the user's own group). */
  groupModels?: Readonly<Record<string, readonly string[]>>
}

export interface BulkWarningContext extends BulkCheckContext {
  catalogue?: BulkCatalogue
}

/** Models `group` offers: the group's own entry, or every model of the groups it names; null: unknown. */
function offeredModels(group: string, byGroup: BulkCatalogue['groupModels']): Set<string> | null {
  if (!byGroup) return null
  const own = byGroup[group]
  if (own) return new Set(own)
  const parts = splitNameList(group).map((name) => byGroup[name])
  if (parts.length === 0 || parts.some((models) => models === undefined)) return null
  return new Set(parts.flatMap((models) => models ?? []))
}

function enableWarning(after: DraftBase, nowSeconds: number): FieldIssue | null {
  const status = effectiveStatus({ ...after, status: TOKEN_STATUS.enabled }, nowSeconds)
  if (status === 'expired') return { path: 'status', key: 'bulk.enableExpired' }
  if (status === 'exhausted') return { path: 'status', key: 'bulk.enableExhausted' }
  return null
}

function modelWarnings(after: DraftBase, edit: BulkEdit, catalogue?: BulkCatalogue): FieldIssue[] {
  if (!after.model_limits_enabled) return []
  const names = splitNameList(normalizeNameList(after.model_limits))
  if (names.length === 0) return [{ path: 'model_limits', key: 'bulk.modelsBlockAll' }]
  const touched = edit.models !== undefined || edit.modelLimits !== undefined || edit.group !== undefined
  const offered = touched ? offeredModels(after.group, catalogue?.groupModels) : null
  const unknown = offered ? names.filter((name) => !offered.has(name)) : []
  if (unknown.length === 0) return []
  return [
    {
      path: 'model_limits',
      key: 'bulk.modelsUnknown',
      params: { models: unknown, group: after.group },
    },
  ]
}

function groupWarnings(after: DraftBase, edit: BulkEdit, catalogue?: BulkCatalogue): FieldIssue[] {
  if (edit.group === undefined || !catalogue?.groups) return []
  const known = new Set(catalogue.groups)
  return splitNameList(after.group)
    .filter((name) => !known.has(name))
    .map((group) => ({ path: 'group', key: 'bulk.groupUnknown', params: { group } }))
}

function expiryShortened(before: number, after: number): boolean {
  if (after === before || after === NEVER_EXPIRES) return false
  return before === NEVER_EXPIRES || after < before
}

/** Warnings for `token` under `edit`, given its result (none for a refused token: errors come first). */
export function bulkWarnings(
  token: DraftBase,
  edit: BulkEdit,
  result: BulkResult,
  ctx: BulkWarningContext,
): FieldIssue[] {
  if (result.errors.length > 0) return []
  const { after } = result
  const warnings: FieldIssue[] = []
  if (edit.status === 'enable') {
    const warning = enableWarning(after, ctx.nowSeconds)
    if (warning) warnings.push(warning)
  }
  if (edit.quota && after.unlimited_quota) warnings.push({ path: 'remain_quota', key: 'bulk.quotaIgnored' })
  if (edit.expiry && expiryShortened(token.expired_time, after.expired_time))
    warnings.push({ path: 'expired_time', key: 'bulk.expiryShortened' })
  if (edit.ips && token.allow_ips.trim() !== '' && after.allow_ips.trim() === '')
    warnings.push({ path: 'allow_ips', key: 'bulk.ipsOpened' })
  warnings.push(...modelWarnings(after, edit, ctx.catalogue), ...groupWarnings(after, edit, ctx.catalogue))
  // A full update sends the name back: one over the server's limit (kept from when the limit was
  // higher, or another client) makes the server refuse the whole update.
  const draft = result.draft
  const fullUpdate =
    draft?.kind === 'update' && (Object.keys(draft.changes).length > 0 || draft.quota !== null)
  if (fullUpdate && draft.changes.name === undefined && utf8Bytes(after.name) > ctx.facts.maxNameBytes)
    warnings.push({ path: 'name', key: 'bulk.nameOverLimit', params: { max: ctx.facts.maxNameBytes } })
  return warnings
}
