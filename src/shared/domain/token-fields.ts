import { z } from 'zod'
import { invalidIpLines, normalizeIpList } from './ip-list'
import { namesWithSpaces, normalizeNameList, splitNameList } from './name-list'
import { tokenChangeFieldsSchema, type TokenChanges } from './token'
import { NEVER_EXPIRES } from './token-values'
import { AUTO_GROUP } from './token-values'

// Validation of the editable fields, shared by the editor form (instant feedback) and main (the
// authority). The server validates almost nothing (docs/newapi-behaviour.md §6.2), so this is the guard.
// Messages are i18n keys under `fields.`; the UI translates them.

/** Longest token name in UTF-8 bytes on current servers; a server's own is ServerFacts.maxNameBytes. */
export { NAME_BYTES_CURRENT as MAX_NAME_BYTES } from './server-facts'

export const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length

export interface FieldRules {
  /** Unix seconds now: a new expiry must lie in the future. */
  nowSeconds: number
  /** Upper bound for a limited token's remaining quota (1e9 × quota_per_unit). */
  maxQuota: number
  /** The server's name limit in UTF-8 bytes (ServerFacts.maxNameBytes): 50, or 30 on older servers. */
  maxNameBytes: number
  /** The most groups a token's Auto order may list (the server's `max_count`), when known. */
  maxAutoGroups?: number
}

/** A name as the server stores it: trimmed, not empty, at most `maxBytes` UTF-8 bytes. */
export function nameRule(maxBytes: number) {
  return z
    .string()
    .trim()
    .min(1, { message: 'name.required' })
    .refine((name) => utf8Bytes(name) <= maxBytes, { message: 'name.tooLong', params: { max: maxBytes } })
}

export const modelLimitsSchema = z
  .string()
  .refine((text) => namesWithSpaces(text).length === 0, { message: 'modelLimits.spaces' })
  .transform(normalizeNameList)

export const allowIpsSchema = z
  .string()
  .superRefine((text, ctx) => {
    // Named by line number as the user sees the text (blank lines count), first bad line quoted.
    const bad = invalidIpLines(text)
    const first = bad[0]
    if (!first) return
    if (bad.length === 1)
      ctx.addIssue({
        code: 'custom',
        message: 'allowIps.invalid',
        params: { line: first.line, entry: first.text },
      })
    else
      ctx.addIssue({
        code: 'custom',
        message: 'allowIps.invalidMany',
        params: { line: first.line, entry: first.text, lines: bad.map((b) => String(b.line)) },
      })
  })
  .transform(normalizeIpList)

export { AUTO_GROUP }

export const groupSchema = z
  .string()
  .refine((text) => namesWithSpaces(text).length === 0, { message: 'group.spaces' })
  .refine(
    (text) => {
      const names = splitNameList(text)
      return !names.includes(AUTO_GROUP) || names.length === 1
    },
    { message: 'group.autoAlone' },
  )
  .transform(normalizeNameList)

/**
 * A token's own Auto order (comma-joined): the server refuses a repeat or more than its `max_count`
 * (docs/newapi-behaviour.md §6.3), and neither '' nor `auto` itself can be one of its groups.
 */
export function autoGroupsSchema(maxCount?: number) {
  return z
    .string()
    .refine((text) => namesWithSpaces(text).length === 0, { message: 'autoGroups.spaces' })
    .refine((text) => !splitNameList(text).includes(AUTO_GROUP), { message: 'autoGroups.auto' })
    .refine((text) => new Set(splitNameList(text)).size === splitNameList(text).length, {
      message: 'autoGroups.repeated',
    })
    .refine((text) => maxCount === undefined || splitNameList(text).length <= maxCount, {
      message: 'autoGroups.tooMany',
      params: { max: maxCount },
    })
    .transform((text) => splitNameList(text).join(','))
}

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

function buildChangesSchema(rules: FieldRules) {
  return z
    .object({
      name: nameRule(rules.maxNameBytes).optional(),
      expired_time: expiredTimeSchema
        .refine((t) => t === NEVER_EXPIRES || t > rules.nowSeconds, { message: 'expiry.past' })
        .optional(),
      unlimited_quota: z.boolean().optional(),
      model_limits_enabled: z.boolean().optional(),
      model_limits: modelLimitsSchema.optional(),
      allow_ips: allowIpsSchema.optional(),
      group: groupSchema.optional(),
      cross_group_retry: z.boolean().optional(),
      auto_groups: autoGroupsSchema(rules.maxAutoGroups).optional(),
    } satisfies Record<keyof TokenChanges, z.ZodType>)
    .strict()
}

// Building the schema costs about as much as checking an edit with it (zod objects are not cheap to
// make), and a bulk preview checks hundreds of tokens against the same rules: the last one is kept.
let lastChangesSchema: { key: string; schema: ReturnType<typeof buildChangesSchema> } | null = null

/** Schema for the non-quota fields an edit touches; each is optional, rules apply to what is present. */
export function tokenChangesSchema(rules: FieldRules) {
  const key = [rules.nowSeconds, rules.maxQuota, rules.maxNameBytes, rules.maxAutoGroups].join('|')
  if (lastChangesSchema?.key !== key) lastChangesSchema = { key, schema: buildChangesSchema(rules) }
  return lastChangesSchema.schema
}

export function remainQuotaRule(rules: Pick<FieldRules, 'maxQuota'>) {
  // The limit first: an amount far beyond it is also past the integers a number holds exactly, and "too
  // large" is what the user needs to hear, not "not a whole number of units".
  return z.number().max(rules.maxQuota, { message: 'quota.tooLarge' }).pipe(remainQuotaSchema)
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
