import { AppError } from '@shared/result'
import { TransportError } from './transport-error'

// Defence in depth for "never show or log the access token": an error message may quote the server
// (a proxy or fork could echo the Authorization header back) and is shown in the UI and logged. Any
// occurrence of the token is masked before the error leaves the HTTP client.

const MASK = '[access token]'

export function scrubSecret<E extends AppError>(error: E, secret: string | null): E {
  if (!secret || secret.length < 4 || !error.message.includes(secret)) return error
  const message = error.message.split(secret).join(MASK)
  const copy =
    error instanceof TransportError
      ? new TransportError(error.code, message, error.reach, error.failure, error.details)
      : new AppError(error.code, message, error.details)
  return copy as E
}
