import { z } from 'zod'

// The token object as a new-api server sends it (docs/newapi-behaviour.md §4). Parsed tolerantly: unknown
// (fork) fields are kept so that a full update can pass them back unchanged.

export const tokenSchema = z.looseObject({
  id: z.number().int(),
  user_id: z.number().int().optional(),
  key: z.string().default(''),
  status: z.number().int(),
  name: z.string().default(''),
  created_time: z.number().int().default(0),
  accessed_time: z.number().int().default(0),
  expired_time: z.number().int(),
  remain_quota: z.number().int(),
  unlimited_quota: z.boolean(),
  used_quota: z.number().int().default(0),
  model_limits_enabled: z.boolean().default(false),
  model_limits: z.string().nullable().default(''),
  allow_ips: z.string().nullable().default(''),
  group: z.string().nullable().default(''),
})

export type Token = z.infer<typeof tokenSchema>

/**
 * The eight fields the user's document (`PUT /api/token/`) names: every full update carries all of them
 * (an omitted one becomes its zero value on the server).
 */
export const tokenDocumentSchema = z.object({
  name: z.string(),
  remain_quota: z.number().int(),
  expired_time: z.number().int(),
  unlimited_quota: z.boolean(),
  model_limits_enabled: z.boolean(),
  model_limits: z.string(),
  allow_ips: z.string(),
  group: z.string(),
})

/**
 * What TokenDesk edits: the document's eight fields plus the two that go with the group `auto`
 * (docs/newapi-behaviour.md §4, §6.2): cross-group retry, and the token's own Auto order — kept here
 * comma-joined ('' = none) like the other name lists, so drafts merge and conflicts show it as text; it
 * becomes the server's list only in the body that is sent (update-body.ts). A draft's base, a full
 * update's body and an edit's changes are all built from this one schema.
 */
export const tokenEditableSchema = tokenDocumentSchema.extend({
  cross_group_retry: z.boolean(),
  auto_groups: z.string(),
})
export type TokenEditable = z.infer<typeof tokenEditableSchema>
export type TokenDocument = z.infer<typeof tokenDocumentSchema>

export const EDITABLE_FIELDS = tokenEditableSchema.keyof().options
export type EditableField = keyof TokenEditable

/** The editable fields other than quota (which travels as an intent): what an edit's changes may hold. */
export const tokenChangeFieldsSchema = tokenEditableSchema.omit({ remain_quota: true })

/** Fields other than quota that an edit may change; quota travels as an intent (see quota-intent). */
export type TokenChanges = Partial<Omit<TokenEditable, 'remain_quota'>>
