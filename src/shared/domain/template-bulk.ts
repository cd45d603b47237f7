import type { BulkChangeInput } from './bulk-change'
import { durationOfPreset } from './bulk-expiry'
import type { TemplateFields } from './token-template'

// A template applied to a selection in bulk: the bulk edit that sets what the template sets, on every
// token, and leaves the rest of each token alone (bulk-change.ts). Lists replace the token's list (the
// template is a policy, not an addition); the expiry is the template's duration counted from now, as on
// create. The name prefix is not part of it: the bulk "prefix" puts text before every name, so a token
// already named by the policy would get it twice — renaming stays the user's own tick in the dialog.
// Null when the template sets nothing a bulk edit can carry.

export function templateBulkEdit(template: TemplateFields): BulkChangeInput | null {
  const edit: Extract<BulkChangeInput, { kind: 'edit' }> = { kind: 'edit' }
  if (template.group !== undefined) edit.group = template.group
  if (template.modelLimitsEnabled !== undefined) edit.modelLimits = template.modelLimitsEnabled
  if (template.models !== undefined) edit.models = { mode: 'replace', list: template.models }
  if (template.allowIps !== undefined) edit.ips = { mode: 'replace', list: template.allowIps }
  if (template.expiry?.kind === 'never') edit.expiry = { mode: 'never' }
  else if (template.expiry)
    edit.expiry = { mode: 'extend', by: durationOfPreset(template.expiry.preset), from: 'now' }
  if (template.quota?.kind === 'unlimited') edit.unlimited = true
  else if (template.quota) {
    edit.unlimited = false
    edit.quota = { mode: 'set', value: template.quota.units }
  }
  return Object.keys(edit).length > 1 ? edit : null
}
