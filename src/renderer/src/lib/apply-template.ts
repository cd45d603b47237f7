import { splitNameList } from '@shared/domain/name-list'
import type { ServerFacts } from '@shared/domain/server-facts'
import { NEVER_EXPIRES } from '@shared/domain/token-values'
import { applyTemplate, prefixedName, type TemplateFields } from '@shared/domain/token-template'
import { displayAmount, type TokenForm } from './token-form'

// A template chosen in the editor of a new token fills the form's fields it sets (applyTemplate: quota
// units, an expiry counted from now) and leaves the others as they are; the user can still change any
// of them before creating. The name gets the template's prefix, replacing the prefix of a template
// chosen before it in the same editor.

export function fillFromTemplate(
  form: TokenForm,
  template: TemplateFields,
  facts: ServerFacts,
  nowSeconds: number,
  replacingPrefix: string | null = null,
): TokenForm {
  const { fields, namePrefix } = applyTemplate(template, nowSeconds)
  const next: TokenForm = { ...form, models: [...form.models], autoGroups: [...form.autoGroups] }
  if (namePrefix !== null) next.name = prefixedName(form.name, namePrefix, replacingPrefix)
  if (fields.group !== undefined) next.group = fields.group
  if (fields.model_limits_enabled !== undefined) next.modelLimitsEnabled = fields.model_limits_enabled
  if (fields.model_limits !== undefined) next.models = splitNameList(fields.model_limits)
  if (fields.allow_ips !== undefined) next.allowIps = fields.allow_ips
  if (fields.expired_time !== undefined) {
    next.neverExpires = fields.expired_time === NEVER_EXPIRES
    next.expiresAt = next.neverExpires ? null : fields.expired_time * 1000
  }
  if (fields.unlimited_quota !== undefined) next.unlimited = fields.unlimited_quota
  if (fields.remain_quota !== undefined) {
    next.quotaMode = 'set'
    next.amount = displayAmount(fields.remain_quota, facts)
  }
  return next
}
