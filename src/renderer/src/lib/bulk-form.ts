import {
  BULK_OPS,
  bulkChangeSchema,
  type BulkChange,
  type BulkChangeInput,
  type BulkOp,
  type BulkStatus,
} from '@shared/domain/bulk-change'
import type { DurationUnit } from '@shared/domain/bulk-expiry'
import { fieldIssuesOf } from '@shared/domain/field-issues'
import { amountToQuota } from '@shared/domain/quota-money'
import type { ServerFacts } from '@shared/domain/server-facts'
import type { FieldIssue } from '@shared/result'

// The bulk edit dialog's form: one part per operation, each with its tick box. Every part keeps what
// the user typed while unticked (ticking it again brings it back), but only ticked parts become the
// change (bulk-change.ts): an unticked operation is absent, so each token keeps its own value there.
// Amounts are typed in the server's currency and become quota units here (quota-money.ts), as in the
// editor; "subtract" is adding a negative amount.

export type ListMode = 'add' | 'remove' | 'replace'
export type RenameMode = 'prefix' | 'suffix' | 'replace' | 'template'
export type BulkQuotaMode = 'set' | 'add' | 'subtract'

export interface BulkForm {
  /** Edit the ticked fields, or delete the tokens (a change of its own). */
  kind: 'edit' | 'delete'
  ticked: Record<BulkOp, boolean>
  rename: { mode: RenameMode; text: string; find: string; replace: string; template: string }
  /** `amount` in the server's display unit (money, or raw units); null = not entered. */
  quota: { mode: BulkQuotaMode; amount: number | null }
  unlimited: boolean
  /** `at` in Unix ms (what the date picker speaks); `count` null = not entered. */
  expiry: {
    mode: 'set' | 'extend' | 'never'
    at: number | null
    count: number | null
    unit: DurationUnit
    from: 'current' | 'now'
  }
  models: { mode: ListMode; list: string[] }
  modelLimits: boolean
  ips: { mode: ListMode; text: string }
  group: string
  status: BulkStatus
}

export function emptyBulkForm(): BulkForm {
  return {
    kind: 'edit',
    ticked: Object.fromEntries(BULK_OPS.map((op) => [op, false])) as Record<BulkOp, boolean>,
    rename: { mode: 'prefix', text: '', find: '', replace: '', template: '{name}' },
    quota: { mode: 'set', amount: null },
    unlimited: false,
    expiry: { mode: 'extend', at: null, count: 30, unit: 'day', from: 'current' },
    models: { mode: 'add', list: [] },
    modelLimits: true,
    ips: { mode: 'add', text: '' },
    group: '',
    status: 'enable',
  }
}

export const tickedOps = (form: BulkForm): BulkOp[] => BULK_OPS.filter((op) => form.ticked[op])

function renameOf(
  rename: BulkForm['rename'],
): NonNullable<Extract<BulkChangeInput, { kind: 'edit' }>['rename']> {
  switch (rename.mode) {
    case 'prefix':
      return { mode: 'prefix', text: rename.text }
    case 'suffix':
      return { mode: 'suffix', text: rename.text }
    case 'replace':
      return { mode: 'replace', find: rename.find, replace: rename.replace }
    case 'template':
      return { mode: 'template', template: rename.template }
  }
}

type EditInput = Extract<BulkChangeInput, { kind: 'edit' }>

/** The part of one ticked operation as the change carries it; null when a value is missing. */
function partOf(op: BulkOp, form: BulkForm, facts: ServerFacts): Partial<EditInput> | null {
  switch (op) {
    case 'rename':
      return { rename: renameOf(form.rename) }
    case 'quota': {
      if (form.quota.amount === null) return null
      const units = amountToQuota(form.quota.amount, facts)
      if (form.quota.mode === 'set') return { quota: { mode: 'set', value: units } }
      return { quota: { mode: 'add', delta: form.quota.mode === 'add' ? units : -units } }
    }
    case 'unlimited':
      return { unlimited: form.unlimited }
    case 'expiry': {
      const { expiry } = form
      if (expiry.mode === 'never') return { expiry: { mode: 'never' } }
      if (expiry.mode === 'set')
        return expiry.at === null ? null : { expiry: { mode: 'set', at: Math.floor(expiry.at / 1000) } }
      if (expiry.count === null) return null
      return { expiry: { mode: 'extend', by: { count: expiry.count, unit: expiry.unit }, from: expiry.from } }
    }
    case 'models':
      return { models: { mode: form.models.mode, list: form.models.list.join(',') } }
    case 'modelLimits':
      return { modelLimits: form.modelLimits }
    case 'ips':
      return { ips: { mode: form.ips.mode, list: form.ips.text } }
    case 'group':
      return { group: form.group }
    case 'status':
      return { status: form.status }
  }
}

/** What each operation says when its value is missing (i18n keys under `fields.`). */
const MISSING: Partial<Record<BulkOp, string>> = {
  quota: 'quota.required',
  expiry: 'expiry.required',
}

export type BulkFormCheck =
  { ok: true; input: BulkChangeInput; change: BulkChange } | { ok: false; issues: FieldIssue[] }

/**
 * The change the form stands for — only the ticked operations — checked by the shared schema. Issues
 * carry the operation as the first segment of their path (`rename.text`, `quota`), so the dialog shows
 * each beside its section; with nothing ticked the issue has an empty path.
 */
export function checkBulkForm(form: BulkForm, facts: ServerFacts): BulkFormCheck {
  if (form.kind === 'delete') {
    const input: BulkChangeInput = { kind: 'delete' }
    return { ok: true, input, change: bulkChangeSchema.parse(input) }
  }
  const input: EditInput = { kind: 'edit' }
  const issues: FieldIssue[] = []
  for (const op of tickedOps(form)) {
    const part = partOf(op, form, facts)
    if (part) Object.assign(input, part)
    else issues.push({ path: op, key: MISSING[op] ?? 'invalid' })
  }
  const parsed = bulkChangeSchema.safeParse(input)
  if (parsed.success && issues.length === 0) return { ok: true, input, change: parsed.data }
  return { ok: false, issues: [...issues, ...(parsed.success ? [] : fieldIssuesOf(parsed.error))] }
}
