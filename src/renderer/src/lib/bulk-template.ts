import { splitNameList } from '@shared/domain/name-list'
import type { ServerFacts } from '@shared/domain/server-facts'
import { templateBulkEdit } from '@shared/domain/template-bulk'
import type { TemplateFields } from '@shared/domain/token-template'
import type { BulkForm } from './bulk-form'
import { displayAmount } from './token-form'

// A template picked in the bulk dialog ticks and fills the operations it sets (templateBulkEdit says
// which, and how: lists replaced, expiry counted from now, quota set in units) and leaves every other
// operation as the user had it; the user can still change or untick any of them before applying. The
// amount is shown in the server's currency, as the dialog's quota input speaks it. Null when the
// template sets nothing a bulk edit can carry (only a name prefix, for instance).

export function fillBulkFromTemplate(
  form: BulkForm,
  template: TemplateFields,
  facts: ServerFacts,
): BulkForm | null {
  const edit = templateBulkEdit(template)
  if (!edit || edit.kind !== 'edit') return null
  // A copy of every part (the form may be a reactive proxy, which structuredClone refuses).
  const next: BulkForm = {
    ...form,
    ticked: { ...form.ticked },
    rename: { ...form.rename },
    quota: { ...form.quota },
    expiry: { ...form.expiry },
    models: { mode: form.models.mode, list: [...form.models.list] },
    ips: { ...form.ips },
  }
  next.kind = 'edit'
  if (edit.group !== undefined) {
    next.ticked.group = true
    next.group = edit.group
  }
  if (edit.modelLimits !== undefined) {
    next.ticked.modelLimits = true
    next.modelLimits = edit.modelLimits
  }
  if (edit.models !== undefined) {
    next.ticked.models = true
    next.models = { mode: edit.models.mode, list: splitNameList(edit.models.list) }
  }
  if (edit.ips !== undefined) {
    next.ticked.ips = true
    next.ips = { mode: edit.ips.mode, text: edit.ips.list }
  }
  if (edit.expiry?.mode === 'never') {
    next.ticked.expiry = true
    next.expiry = { ...next.expiry, mode: 'never' }
  } else if (edit.expiry?.mode === 'extend') {
    next.ticked.expiry = true
    next.expiry = { ...next.expiry, mode: 'extend', ...edit.expiry.by, from: edit.expiry.from }
  }
  if (edit.unlimited !== undefined) {
    next.ticked.unlimited = true
    next.unlimited = edit.unlimited
  }
  if (edit.quota?.mode === 'set') {
    next.ticked.quota = true
    next.quota = { mode: 'set', amount: displayAmount(edit.quota.value, facts) }
  }
  return next
}
