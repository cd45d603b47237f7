import { z } from 'zod'
import { serverFactsSchema } from './server-facts'

// A saved server. Never holds a secret: the access token lives in the OS keychain, keyed by `id`.

/** What a server can do, detected on connect and refreshed on reconnect (servers differ by version). */
export const serverFeaturesSchema = z.object({
  detectedAt: z.number().int(),
  /** Keys come masked in lists (since 2026-03-08); plaintext needs the reveal routes. */
  maskedKeys: z.boolean(),
  /** 1-based pages with {items,total} (since 2025-06-12), or 0-based bare arrays. */
  paging: z.enum(['one-based-object', 'zero-based-array']),
  autoGroups: z.boolean(),
  keyReveal: z.boolean(),
  batchKeyReveal: z.boolean(),
  batchDelete: z.boolean(),
  /** Search matches exactly unless wrapped in % (since 2026-02-06); older servers match substrings. */
  exactSearch: z.boolean(),
})

export type ServerFeatures = z.infer<typeof serverFeaturesSchema>

/** The request budget TokenDesk keeps to for one server; null = the defaults for new-api. */
export const pacingSchema = z.object({
  requests: z.number().int().positive(),
  windowSeconds: z.number().positive(),
})

export type Pacing = z.infer<typeof pacingSchema>

/** What a user may enter as a server's rate limit: sane bounds, translated messages. */
export const pacingInputSchema = z.object({
  requests: z
    .number({ message: 'pacing.requests' })
    .int({ message: 'pacing.requests' })
    .min(1, { message: 'pacing.requests' })
    .max(100_000, { message: 'pacing.requests' }),
  windowSeconds: z
    .number({ message: 'pacing.window' })
    .min(1, { message: 'pacing.window' })
    .max(86_400, { message: 'pacing.window' }),
})

export const profileSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  baseUrl: z.string(),
  userId: z.number().int().positive(),
  createdAt: z.number().int(),
  /** Display name of the account the access token belongs to, from `/api/user/self`. */
  username: z.string().nullable(),
  server: serverFactsSchema,
  features: serverFeaturesSchema.nullable().default(null),
  pacing: pacingSchema.nullable().default(null),
})

export type Profile = z.infer<typeof profileSchema>

export const profilesStateSchema = z.object({
  profiles: z.array(profileSchema),
  activeId: z.string().nullable(),
})

export type ProfilesState = z.infer<typeof profilesStateSchema>

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname)
}

/**
 * Parses what the user typed as a server address. `http://` is accepted only for loopback or when the
 * user explicitly accepted the warning that the access token would travel unencrypted.
 */
export function parseBaseUrl(
  text: string,
  allowInsecureHttp: boolean,
): { ok: true; url: string } | { ok: false; key: string } {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    return { ok: false, key: 'baseUrl.invalid' }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, key: 'baseUrl.protocol' }
  if (url.username || url.password) return { ok: false, key: 'baseUrl.credentials' }
  if (url.search || url.hash) return { ok: false, key: 'baseUrl.query' }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !allowInsecureHttp) {
    return { ok: false, key: 'baseUrl.insecure' }
  }
  // Keep any path prefix (gateways behind a reverse proxy), without the trailing slash.
  return { ok: true, url: url.origin + url.pathname.replace(/\/+$/, '') }
}

export const newProfileSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, { message: 'profileName.required' })
      .max(80, { message: 'profileName.tooLong' }),
    baseUrl: z.string(),
    userId: z.coerce
      .number({ message: 'userId.invalid' })
      .int({ message: 'userId.invalid' })
      .positive({ message: 'userId.invalid' }),
    accessToken: z
      .string()
      .trim()
      .min(1, { message: 'accessToken.required' })
      .max(512, { message: 'accessToken.tooLong' }),
    allowInsecureHttp: z.boolean().default(false),
  })
  .superRefine(
    (input, ctx) => {
      const parsed = parseBaseUrl(input.baseUrl, input.allowInsecureHttp === true)
      if (!parsed.ok) ctx.addIssue({ code: 'custom', path: ['baseUrl'], message: parsed.key })
    },
    // Check the address even when other fields are wrong, so every problem is shown at once.
    { when: (payload) => typeof (payload.value as { baseUrl?: unknown } | null)?.baseUrl === 'string' },
  )
  .transform((input) => {
    const parsed = parseBaseUrl(input.baseUrl, input.allowInsecureHttp)
    return { ...input, baseUrl: parsed.ok ? parsed.url : input.baseUrl }
  })

export type NewProfileInput = z.input<typeof newProfileSchema>
