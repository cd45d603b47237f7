import { z } from 'zod'
import { issueParamsSchema } from '../result-schema'
import { pacingInputSchema } from './profile'
import { profileNameSchema, userIdSchema } from './profile-input'
import { parseBaseUrl } from './server-address'
import { watchSettingsSchema } from './watch-settings'

// The server list as a file, to move it to another machine or share it with a colleague: names,
// addresses, user ids and settings — never an access token (the importer types those again) — and the
// token templates, which belong to no one server. Lists written before templates existed have none.

export const SERVER_LIST_FORMAT = 'tokendesk.servers'
export const SERVER_LIST_VERSION = 1

/**
 * One server of a list. A file's word is not the user's consent: an http:// address to another computer
 * is refused on import (add it by hand, confirming the warning), and a rate limit must be a sane one.
 */
export const exportedServerSchema = z
  .object({
    name: profileNameSchema,
    baseUrl: z.string().max(2048),
    userId: userIdSchema,
    production: z.boolean().default(false),
    multiGroup: z.boolean().default(false),
    pacing: pacingInputSchema.nullable().catch(null).default(null),
    /** The Watch's thresholds (lists written before the Watch existed have none: the defaults). */
    watch: watchSettingsSchema.nullable().catch(null).default(null),
  })
  .transform((server, ctx) => {
    const parsed = parseBaseUrl(server.baseUrl, false)
    if (!parsed.ok) {
      const key = parsed.key === 'baseUrl.insecure' ? 'serverList.insecure' : parsed.key
      ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: key })
      return z.NEVER
    }
    return { ...server, baseUrl: parsed.url }
  })

export type ExportedServer = z.output<typeof exportedServerSchema>

export const serverListDocumentSchema = z.object({
  format: z.literal(SERVER_LIST_FORMAT),
  version: z.literal(SERVER_LIST_VERSION),
  exportedAt: z.string(),
  servers: z.array(z.unknown()).max(1000),
  /** Each entry a template's name and fields (templateBodySchema); ids are the saving machine's own. */
  templates: z.array(z.unknown()).max(1000).default([]),
})

/** One server of an import: what the file says, and whether it is already saved (same address and user). */
export const importCandidateSchema = z.object({
  name: z.string(),
  baseUrl: z.string(),
  userId: z.number().int(),
  production: z.boolean(),
  /** The saved server with the same base URL and user id; importing it again would add a twin. */
  duplicateOf: z.string().nullable(),
})

const invalidEntrySchema = z.object({
  index: z.number().int(),
  key: z.string(),
  /** The placeholders of the key's text (which IP line, say). */
  params: issueParamsSchema.optional(),
})

/** One template of an import, and the saved template that already has its name (if any). */
export const templateCandidateSchema = z.object({
  name: z.string(),
  /** The id of the saved template with the same name: skipped, replaced or kept both, as the user says. */
  sameNameAs: z.string().nullable(),
})

export const importPlanSchema = z.object({
  candidates: z.array(importCandidateSchema),
  /** Entries of the file that are not a valid server (with the first problem of each). */
  invalid: z.array(invalidEntrySchema),
  templates: z.object({
    candidates: z.array(templateCandidateSchema),
    /** Entries of the file that are not a valid template (with the first problem of each). */
    invalid: z.array(invalidEntrySchema),
  }),
})

export type ImportPlan = z.infer<typeof importPlanSchema>
