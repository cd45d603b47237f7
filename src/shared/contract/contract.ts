import { z } from 'zod'
import { newProfileSchema, pacingInputSchema, profileSchema, profilesStateSchema } from '../domain/profile'
import { tokenSchema } from '../domain/token'
import { quotaIntentSchema } from '../domain/quota-intent'
import { serverFactsSchema } from '../domain/server-facts'
import type { ChannelName, EventName } from './channel-names'

// The one typed contract both processes derive from: each channel's input and output schema. Main parses
// every input with it (after checking the sender), and parses outputs too, so a field that is not in an
// output schema (a secret, say) can never cross the bridge.

const noInput = z
  .undefined()
  .or(z.object({}).strict())
  .transform(() => undefined)
const tokenIdSchema = z.number().int().positive()

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'web']),
  platform: z.string(),
  locale: z.string(),
})

export const tokenListSchema = z.object({
  profileId: z.string(),
  tokens: z.array(tokenSchema),
  /** Unix milliseconds when the list was read from the server. */
  fetchedAt: z.number(),
  server: serverFactsSchema,
})

/** Non-quota field edits; validated against the field rules in main (they need the clock and server). */
export const tokenChangesInputSchema = z
  .object({
    name: z.string(),
    expired_time: z.number().int(),
    unlimited_quota: z.boolean(),
    model_limits_enabled: z.boolean(),
    model_limits: z.string(),
    allow_ips: z.string(),
    group: z.string(),
  })
  .partial()
  .strict()

const profileIdSchema = z.string().min(1)

// Token calls name their server explicitly: an editor opened for one server must never save into
// another that became active meanwhile.
export const tokenUpdateInputSchema = z.object({
  profileId: profileIdSchema,
  id: tokenIdSchema,
  changes: tokenChangesInputSchema,
  quota: quotaIntentSchema.nullable(),
})

export const contract = {
  'app.info': { input: noInput, output: appInfoSchema },
  /** The UI language, which main sends to servers as Accept-Language (their messages are localised). */
  'app.setLocale': { input: z.object({ locale: z.enum(['en-US', 'zh-CN']) }), output: z.null() },
  'profiles.list': { input: noInput, output: profilesStateSchema },
  'profiles.add': { input: newProfileSchema, output: profileSchema },
  'profiles.remove': { input: z.object({ id: profileIdSchema }), output: z.null() },
  'profiles.select': { input: z.object({ id: profileIdSchema }), output: profilesStateSchema },
  /** The server's global rate limit TokenDesk paces itself under; null = new-api's default. */
  'profiles.setPacing': {
    input: z.object({ id: profileIdSchema, pacing: pacingInputSchema.nullable() }),
    output: profileSchema,
  },
  'tokens.list': { input: z.object({ profileId: profileIdSchema }), output: tokenListSchema },
  'tokens.get': { input: z.object({ profileId: profileIdSchema, id: tokenIdSchema }), output: tokenSchema },
  'tokens.update': { input: tokenUpdateInputSchema, output: tokenSchema },
} as const satisfies Record<ChannelName, { input: z.ZodType; output: z.ZodType }>

export const eventSchemas = {
  'profiles.changed': profilesStateSchema,
  'tokens.changed': z.object({ profileId: z.string(), tokenIds: z.array(z.number().int()) }),
} as const satisfies Record<EventName, z.ZodType>

export type Contract = typeof contract
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>
export type ChannelParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>
export type ChannelOutput<C extends ChannelName> = z.output<Contract[C]['output']>
export type EventPayload<E extends EventName> = z.output<(typeof eventSchemas)[E]>
export type TokenList = z.output<typeof tokenListSchema>
export type TokenUpdateInput = z.input<typeof tokenUpdateInputSchema>
export type AppInfo = z.output<typeof appInfoSchema>
