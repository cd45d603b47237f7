import { AppError } from '@shared/result'

// Reads an answer's body with a size cap enforced while streaming: a broken proxy or a hostile server
// can send gigabytes (or lie in Content-Length, or send none), and `response.text()` would buffer all of
// it before anyone could check. The stream is cancelled as soon as the cap is passed, which also closes
// the connection. Errors other than the cap (timeout, connection cut) are left to the caller to classify.

export function tooLarge(limitBytes: number): AppError {
  return new AppError(
    'too-large',
    `The server's answer is larger than the ${Math.round(limitBytes / 1024)} KiB TokenDesk reads.`,
  )
}

export async function readBodyText(response: Response, limitBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN)
  if (declared > limitBytes) {
    await response.body?.cancel().catch(() => undefined)
    throw tooLarge(limitBytes)
  }
  if (!response.body) return ''
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let received = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    received += value.byteLength
    if (received > limitBytes) {
      await reader.cancel().catch(() => undefined)
      throw tooLarge(limitBytes)
    }
    chunks.push(value)
  }
  // A malformed UTF-8 sequence becomes U+FFFD; the JSON parser or the envelope check then decides.
  return new TextDecoder().decode(Buffer.concat(chunks))
}
