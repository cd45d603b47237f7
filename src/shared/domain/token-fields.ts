import { z } from 'zod'
import { invalidIpEntries, normalizeIpList } from './ip-list'
import { namesWithSpaces, normalizeNameList } from './name-list'
import { NEVER_EXPIRES, tokenChangeFieldsSchema, type TokenChanges } from './token'

// Validation of the editable fields, shared by the editor form (instant feedback) and main (the
// authority). The server validates almost nothing (docs/newapi-behaviour.md §6.2), so this is the guard.
// Messages are i18n keys under `fields.`; the UI translates them.

export const MAX_NAME_BYTES = 50

const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length

export interface FieldRules {
  /** Unix seconds now: a new expiry must lie in the future. */
  nowSeconds: number
  /** Upper bound for a limited token's remaining quota (1e9 × quota_per_unit). */
  maxQuota: number
}

export const nameSchema = z
  .string()
  .trim()
  .min(1, { message: 'name.required' })
  .refine((name) => utf8Bytes(name) <= MAX_NAME_BYTES, {
    message: 'name.tooLong',
    params: { max: MAX_NAME_BYTES },
  })

export const modelLimitsSchema = z
  .string()
  .refine((text) => namesWithSpaces(text).length === 0, { message: 'modelLimits.spaces' })
  .transform(normalizeNameList)

export const allowIpsSchema = z
  .string()
  .superRefine((text, ctx) => {
    const bad = invalidIpEntries(text)
    if (bad.length > 0)
      ctx.addIssue({ code: 'custom', message: 'allowIps.invalid', params: { entries: bad.join(', ') } })
  })
  .transform(normalizeIpList)

export const groupSchema = z
  .string()
  .refine((text) => namesWithSpaces(text).length === 0, { message: 'group.spaces' })
  .transform(normalizeNameList)

export const expiredTimeSchema = z.number().int({ message: 'expiry.invalid' })

export const remainQuotaSchema = z
  .number()
  .int({ message: 'quota.notInteger' })
  .min(0, { message: 'quota.negative' })

/**
 * The non-quota editable fields an edit may carry, by type only: what crosses the bridge and is kept in
 * a draft (a kept draft may still break a rule — the user is not done typing). The rules are applied by
 * tokenChangesSchema when the edit is to be sent (its keys are checked against the same fields by type).
 */
export const tokenChangesShapeSchema = tokenChangeFieldsSchema.partial().strict()

/** Schema for the non-quota fields an edit touches; each is optional, rules apply to what is present. */
export function tokenChangesSchema(rules: FieldRules) {
  return z
    .object({
      name: nameSchema.optional(),
      expired_time: expiredTimeSchema
        .refine((t) => t === NEVER_EXPIRES || t > rules.nowSeconds, { message: 'expiry.past' })
        .optional(),
      unlimited_quota: z.boolean().optional(),
      model_limits_enabled: z.boolean().optional(),
      model_limits: modelLimitsSchema.optional(),
      allow_ips: allowIpsSchema.optional(),
      group: groupSchema.optional(),
    } satisfies Record<keyof TokenChanges, z.ZodType>)
    .strict()
}

export function remainQuotaRule(rules: FieldRules) {
  return remainQuotaSchema.max(rules.maxQuota, { message: 'quota.tooLarge' })
}

/**
 * Cross-field rule: whitelisting models with an empty list blocks every model. Checked on the merged
 * result (what would be saved), not on the change alone.
 */
export function modelWhitelistIssue(fields: {
  model_limits_enabled: boolean
  model_limits: string
}): string | null {
  return fields.model_limits_enabled && normalizeNameList(fields.model_limits) === ''
    ? 'modelLimits.emptyEnabled'
    : null
}
