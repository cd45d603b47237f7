import { z } from 'zod'
import { parseBaseUrl } from './server-address'

// What the user types about a server (the add and edit forms, an import, a connection test), checked by
// the same schemas in the form and again in main. Messages are i18n keys under `fields.`.

const MAX_USER_ID = 2 ** 31 - 1

/**
 * The numeric user id. Digits only: `true`, `[7]`, `"0x10"`, `"1e3"` or `" 7 "` with letters are refused
 * rather than coerced into some other user's id. A number is accepted as it is when it is a whole one.
 */
export const userIdSchema = z
  .union([z.number(), z.string()], { message: 'userId.invalid' })
  .transform((value, ctx) => {
    const text = typeof value === 'number' ? String(value) : value.trim()
    const id = /^\d{1,10}$/.test(text) ? Number(text) : NaN
    if (!Number.isSafeInteger(id) || id < 1 || id > MAX_USER_ID) {
      ctx.addIssue({ code: 'custom', message: 'userId.invalid' })
      return z.NEVER
    }
    return id
  })

export const profileNameSchema = z
  .string()
  .trim()
  .min(1, { message: 'profileName.required' })
  .max(80, { message: 'profileName.tooLong' })

export const accessTokenSchema = z
  .string()
  .trim()
  .min(1, { message: 'accessToken.required' })
  .max(512, { message: 'accessToken.tooLong' })
  // A line break or control character would be cut from a header, or refused by fetch.
  .regex(/^[\x21-\x7e]*$/, { message: 'accessToken.characters' })

/** Address fields: the base URL, checked together with the user's consent to plain http for it. */
const addressShape = {
  baseUrl: z.string().max(2048, { message: 'baseUrl.invalid' }),
  allowInsecureHttp: z.boolean().default(false),
}

function checkAddress(input: { baseUrl: string; allowInsecureHttp: boolean }, ctx: z.RefinementCtx): void {
  const parsed = parseBaseUrl(input.baseUrl, input.allowInsecureHttp)
  if (!parsed.ok) ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: parsed.key })
}

function normaliseAddress<T extends { baseUrl: string; allowInsecureHttp: boolean }>(input: T): T {
  const parsed = parseBaseUrl(input.baseUrl, input.allowInsecureHttp)
  return { ...input, baseUrl: parsed.ok ? parsed.url : input.baseUrl }
}

// Check the address even when other fields are wrong, so every problem is shown at once.
const addressPresent = {
  when: (payload: { value: unknown }) =>
    typeof (payload.value as { baseUrl?: unknown } | null)?.baseUrl === 'string',
}

/** What the add and edit forms have in common (the access token differs: required, or only to replace). */
const serverShape = {
  name: profileNameSchema,
  ...addressShape,
  userId: userIdSchema,
  production: z.boolean().default(false),
}

export const newProfileSchema = z
  .object({ ...serverShape, multiGroup: z.boolean().default(false), accessToken: accessTokenSchema })
  .superRefine(checkAddress, addressPresent)
  .transform(normaliseAddress)

export type NewProfileInput = z.input<typeof newProfileSchema>

/**
 * A saved server's edit: everything the add form has; the access token only when the user types a new one
 * (it is write-only: the form shows that one is stored, never what it is).
 */
export const profileEditSchema = z
  .object({
    id: z.string().min(1).max(100),
    ...serverShape,
    /** Left out: unchanged (callers that only replace the access token need not know it). */
    multiGroup: z.boolean().optional(),
    accessToken: accessTokenSchema.optional(),
  })
  .superRefine(checkAddress, addressPresent)
  .transform(normaliseAddress)

export type ProfileEditInput = z.input<typeof profileEditSchema>

/**
 * "Test connection" on what the form holds now: a saved server's stored access token is used when the
 * form has no new one (`profileId` says whose).
 */
export const connectionTestSchema = z
  .object({
    profileId: z.string().min(1).max(100).optional(),
    ...addressShape,
    userId: userIdSchema,
    accessToken: accessTokenSchema.optional(),
  })
  .superRefine(checkAddress, addressPresent)
  .transform(normaliseAddress)

export type ConnectionTestInput = z.input<typeof connectionTestSchema>
