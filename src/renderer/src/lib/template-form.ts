import type { ExpiryPreset } from '@shared/domain/expiry-presets'
import { fieldIssuesOf } from '@shared/domain/field-issues'
import { splitNameList } from '@shared/domain/name-list'
import { amountToQuota } from '@shared/domain/quota-money'
import type { ServerFacts } from '@shared/domain/server-facts'
import { templateSaveSchema, type TemplateSave, type TokenTemplate } from '@shared/domain/token-template'
import type { FieldIssue } from '@shared/result'
import { displayAmount } from './token-form'

// The template manager's form. Each part a template may set has a tick ("this template sets it") and its
// value, kept while unticked so ticking again brings back what was typed. Only ticked parts are saved.
// The quota is typed in a server's display currency (the active one's) and saved in quota units.

export const TEMPLATE_PARTS = ['namePrefix', 'group', 'models', 'allowIps', 'expiry', 'quota'] as const
export type TemplatePart = (typeof TEMPLATE_PARTS)[number]

export interface TemplateForm {
  id: string | null
  name: string
  sets: Record<TemplatePart, boolean>
  namePrefix: string
  /** Comma-separated groups; '' = the user's own group. */
  group: string
  modelLimitsEnabled: boolean
  models: string[]
  allowIps: string
  expiry: 'never' | ExpiryPreset
  unlimited: boolean
  /** In the display unit of `facts` (money, or raw units for TOKENS). */
  amount: number | null
}

export function emptyTemplateForm(): TemplateForm {
  return {
    id: null,
    name: '',
    sets: { namePrefix: false, group: false, models: false, allowIps: false, expiry: false, quota: false },
    namePrefix: '',
    group: '',
    modelLimitsEnabled: true,
    models: [],
    allowIps: '',
    expiry: 'days30',
    unlimited: false,
    amount: null,
  }
}

export function templateToForm(template: TokenTemplate, facts: ServerFacts): TemplateForm {
  const form = emptyTemplateForm()
  form.id = template.id
  form.name = template.name
  if (template.namePrefix !== undefined) {
    form.sets.namePrefix = true
    form.namePrefix = template.namePrefix
  }
  if (template.group !== undefined) {
    form.sets.group = true
    form.group = template.group
  }
  if (template.modelLimitsEnabled !== undefined || template.models !== undefined) {
    form.sets.models = true
    form.modelLimitsEnabled = template.modelLimitsEnabled ?? false
    form.models = splitNameList(template.models ?? '')
  }
  if (template.allowIps !== undefined) {
    form.sets.allowIps = true
    form.allowIps = template.allowIps
  }
  if (template.expiry !== undefined) {
    form.sets.expiry = true
    form.expiry = template.expiry.kind === 'never' ? 'never' : template.expiry.preset
  }
  if (template.quota !== undefined) {
    form.sets.quota = true
    form.unlimited = template.quota.kind === 'unlimited'
    form.amount = template.quota.kind === 'amount' ? displayAmount(template.quota.units, facts) : null
  }
  return form
}

/** What the form saves, unchecked: the ticked parts only. */
export function formToSave(form: TemplateForm, facts: ServerFacts): Record<string, unknown> {
  const save: Record<string, unknown> = { id: form.id, name: form.name }
  if (form.sets.namePrefix) save.namePrefix = form.namePrefix
  if (form.sets.group) save.group = form.group
  if (form.sets.models) {
    save.modelLimitsEnabled = form.modelLimitsEnabled
    // Switched off, the list would not be used: the template then only turns the restriction off.
    if (form.modelLimitsEnabled) save.models = form.models.join(',')
  }
  if (form.sets.allowIps) save.allowIps = form.allowIps
  if (form.sets.expiry)
    save.expiry = form.expiry === 'never' ? { kind: 'never' } : { kind: 'after', preset: form.expiry }
  if (form.sets.quota)
    save.quota = form.unlimited
      ? { kind: 'unlimited' }
      : { kind: 'amount', units: form.amount === null ? null : amountToQuota(form.amount, facts) }
  return save
}

/**
 * The form checked with the shared rules main applies: what to save, or the issues (paths as main names
 * them: `quota.units` belongs to the quota part, `modelLimitsEnabled` to the models part).
 */
export function planTemplate(
  form: TemplateForm,
  facts: ServerFacts,
): { ok: true; save: TemplateSave } | { ok: false; issues: FieldIssue[] } {
  const missingAmount = form.sets.quota && !form.unlimited && form.amount === null
  // A missing amount is said as such, not as the schema's "not a number" — which would also keep the
  // schema from checking the rest (its cross-field rule runs only on well-typed input).
  const parsed = templateSaveSchema.safeParse(
    formToSave(missingAmount ? { ...form, amount: 0 } : form, facts),
  )
  const issues = (parsed.success ? [] : fieldIssuesOf(parsed.error)).filter(
    (issue) => !(missingAmount && issue.path.startsWith('quota')),
  )
  if (missingAmount) issues.push({ path: 'quota', key: 'quota.required' })
  return parsed.success && issues.length === 0 ? { ok: true, save: parsed.data } : { ok: false, issues }
}
