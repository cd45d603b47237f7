import { z } from 'zod'
import { AppError } from '@shared/result'
import { classicAuthFailure } from './auth-messages'

// new-api wraps everything in {success, message, data}; business failures arrive as HTTP 200 with
// success:false, so success is always checked, never the status code alone.

const envelopeSchema = z.looseObject({
  success: z.boolean(),
  message: z.string().nullish(),
  data: z.unknown().optional(),
})

const NOT_FOUND_MESSAGES = new Set(['record not found'])

export function unwrapEnvelope(body: unknown): unknown {
  const parsed = envelopeSchema.safeParse(body)
  if (!parsed.success) throw new AppError('bad-response', 'The server answered without the new-api envelope.')
  const { success, message, data } = parsed.data
  if (success) return data
  const text = message?.trim() || 'The server refused the request without saying why.'
  const authKind = classicAuthFailure(text)
  if (authKind) throw new AppError(authKind, text)
  if (NOT_FOUND_MESSAGES.has(text)) throw new AppError('not-found', text)
  // Anything else is the server refusing the input: keep its words verbatim for the user.
  throw new AppError('validation', text)
}
