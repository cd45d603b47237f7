import { z } from 'zod'
import { EXPIRY_PRESETS, presetExpiry } from './expiry-presets'
import { type TokenEditable } from './token'
import { NEVER_EXPIRES } from './token-values'
import {
  allowIpsSchema,
  groupSchema,
  MAX_NAME_BYTES,
  modelLimitsSchema,
  modelWhitelistIssue,
  nameRule,
  remainQuotaSchema,
} from './token-fields'

// A token template: a named policy ("every key of team A: group vip, these models, the office IPs, 30
// days, $20") applied when tokens are created, and to a selection in bulk. It is TokenDesk's own (kept
// with its settings, not on a server), so it holds nothing that belongs to one server: quota in quota
// units, expiry as a duration counted from the moment the template is applied. Every field is optional
// and present only when the template sets it; an absent field leaves the token's value alone. The values
// obey the same rules as the editor's fields (token-fields.ts). Messages are i18n keys under `fields.`.

/** Longest template name, in characters (the same as a server's name). */
export const TEMPLATE_NAME_MAX = 80
/** How many templates TokenDesk keeps (a list a person can still scan). */
export const MAX_TEMPLATES = 500

export const templateNameSchema = z
  .string()
  .trim()
  .min(1, { message: 'templateName.required' })
  .max(TEMPLATE_NAME_MAX, { message: 'templateName.tooLong' })

export const templateIdSchema = z.string().min(1).max(100)

/** Never, or one of the editor's quick expiry durations counted from when the template is applied. */
export const templateExpirySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('never') }),
  z.object({ kind: z.literal('after'), preset: z.enum(EXPIRY_PRESETS) }),
])

/** Unlimited, or an amount in quota units (what every server stores; the display currency differs). */
export const templateQuotaSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unlimited') }),
  z.object({ kind: z.literal('amount'), units: remainQuotaSchema }),
])

/** The fields a template may set, each with the editor's rule for it. */
const templateFieldsShape = {
  /** Put before the name typed (a prefix can be a whole name: the editor starts with it). */
  namePrefix: nameRule(MAX_NAME_BYTES).optional(),
  /** Comma-separated groups; '' = the user's own group. */
  group: groupSchema.optional(),
  modelLimitsEnabled: z.boolean().optional(),
  /** Comma-separated model names (the whitelist). */
  models: modelLimitsSchema.optional(),
  /** One IP or CIDR per line. */
  allowIps: allowIpsSchema.optional(),
  expiry: templateExpirySchema.optional(),
  quota: templateQuotaSchema.optional(),
}

type TemplateFieldsShape = z.output<z.ZodObject<typeof templateFieldsShape>>

/** A whitelist switched on by the template must come with models: an empty one blocks every model. */
function checkWhitelist(fields: TemplateFieldsShape, ctx: z.RefinementCtx): void {
  if (fields.modelLimitsEnabled !== true) return
  const issue = modelWhitelistIssue({ model_limits_enabled: true, model_limits: fields.models ?? '' })
  if (issue) ctx.addIssue({ code: 'custom', path: ['models'], message: issue })
}

/** A template's name and fields, without its id: what an export carries and what the user edits. */
export const templateBodySchema = z
  .object({ name: templateNameSchema, ...templateFieldsShape })
  .superRefine(checkWhitelist)

/** A saved template (templates.json). Unknown keys are dropped (a newer TokenDesk may add fields). */
export const tokenTemplateSchema = z
  .object({ id: templateIdSchema, name: templateNameSchema, ...templateFieldsShape })
  .superRefine(checkWhitelist)

/**
 * What the manager saves: a new template (id null) or an edit of one, replacing all its fields. Strict:
 * a key that is not a template field is a mistake, not a field to keep.
 */
export const templateSaveSchema = z
  .strictObject({ id: templateIdSchema.nullable(), name: templateNameSchema, ...templateFieldsShape })
  .superRefine(checkWhitelist)

export type TokenTemplate = z.output<typeof tokenTemplateSchema>
export type TemplateSave = z.output<typeof templateSaveSchema>
export type TemplateBody = z.output<typeof templateBodySchema>
export type TemplateFields = Omit<TemplateBody, 'name'>
export type TemplateExpiry = z.output<typeof templateExpirySchema>
export type TemplateQuota = z.output<typeof templateQuotaSchema>

/** The fields a template can set, in the order the manager shows them. */
export const TEMPLATE_FIELDS = [
  'namePrefix',
  'group',
  'modelLimitsEnabled',
  'models',
  'allowIps',
  'expiry',
  'quota',
] as const satisfies readonly (keyof TemplateFields)[]

/** What applying a template gives: token fields in the server's terms, and the prefix for the name. */
export interface AppliedTemplate {
  /** Quota in units, expiry as Unix seconds (or -1 = never): the values a create form takes. */
  fields: Partial<Omit<TokenEditable, 'name'>>
  namePrefix: string | null
}

/** The fields `template` sets, applied at `nowSeconds` (a duration becomes an absolute expiry). */
export function applyTemplate(template: TemplateFields, nowSeconds: number): AppliedTemplate {
  const fields: AppliedTemplate['fields'] = {}
  if (template.group !== undefined) fields.group = template.group
  if (template.modelLimitsEnabled !== undefined) fields.model_limits_enabled = template.modelLimitsEnabled
  if (template.models !== undefined) fields.model_limits = template.models
  if (template.allowIps !== undefined) fields.allow_ips = template.allowIps
  if (template.expiry !== undefined) fields.expired_time = templateExpiryAt(template.expiry, nowSeconds)
  if (template.quota?.kind === 'unlimited') fields.unlimited_quota = true
  if (template.quota?.kind === 'amount') {
    fields.unlimited_quota = false
    fields.remain_quota = template.quota.units
  }
  return { fields, namePrefix: template.namePrefix ?? null }
}

/** The expiry (Unix seconds, or -1 = never) a template's duration gives when applied at `nowSeconds`. */
export function templateExpiryAt(expiry: TemplateExpiry, nowSeconds: number): number {
  if (expiry.kind === 'never') return NEVER_EXPIRES
  return Math.floor(presetExpiry(expiry.preset, 'now', nowSeconds * 1000, null) / 1000)
}

/**
 * A name with the template's prefix in front. The prefix of a template applied before (`replacing`) is
 * taken off first, so switching templates does not stack prefixes; a name already carrying the prefix
 * is left as it is.
 */
export function prefixedName(name: string, prefix: string, replacing: string | null = null): string {
  const bare = replacing && name.startsWith(replacing) ? name.slice(replacing.length) : name
  return bare.startsWith(prefix) ? bare : `${prefix}${bare}`
}
