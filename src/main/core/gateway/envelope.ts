import { z } from 'zod'
import { AppError } from '@shared/result'
import { classicAuthFailure, currentAuthFailure } from './auth-messages'

// new-api wraps everything in {success, message, data}; business failures arrive as HTTP 200 with
// success:false, so success is always checked, never the status code alone. Tolerant where servers
// differ (`message` null or missing, `data` absent or null), strict where it matters (`success` must be
// a real boolean: a fork sending "true" is not trusted to mean it).

const envelopeSchema = z.looseObject({
  success: z.boolean(),
  message: z.string().nullish().catch(null),
  data: z.unknown().optional(),
})

const NOT_FOUND_MESSAGES = new Set(['record not found'])

export function unwrapEnvelope(body: unknown, httpStatus = 200): unknown {
  const parsed = envelopeSchema.safeParse(body)
  if (!parsed.success) {
    throw new AppError('bad-response', 'The server answered without the new-api envelope.', { httpStatus })
  }
  const { success, message, data } = parsed.data
  if (success) return data
  const said = message?.trim() ? message : null
  const text = said?.trim() ?? 'The server refused the request without saying why.'
  const details = { httpStatus, ...(said !== null ? { serverWords: true } : {}) }
  const authKind = currentAuthFailure(parsed.data.code) ?? classicAuthFailure(text)
  if (authKind) throw new AppError(authKind, text, details)
  if (NOT_FOUND_MESSAGES.has(text)) throw new AppError('not-found', text, details)
  // Anything else is the server refusing the input: its words verbatim, the UI adds a translated summary.
  throw new AppError('validation', said ?? text, details)
}
