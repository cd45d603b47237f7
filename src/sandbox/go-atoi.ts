// Go's strconv.Atoi, which the server uses for ids, page numbers and the New-Api-User header: an
// optional sign and decimal digits only — no spaces, no decimals, no hex. Like Go it tells a malformed
// number ("invalid syntax") from one that does not fit an int64 ("value out of range"); on the latter
// Go still hands back the clamped value, which handlers that ignore the error go on to use.

const INT64_MAX = 9223372036854775807n
const INT64_MIN = -INT64_MAX - 1n

export type GoAtoiResult =
  { value: number; error: null } | { value: number; error: 'invalid syntax' | 'value out of range' }

export function parseGoInt(text: string | null | undefined): GoAtoiResult {
  if (text == null || !/^[+-]?\d+$/.test(text)) return { value: 0, error: 'invalid syntax' }
  const value = BigInt(text)
  if (value > INT64_MAX) return { value: Number(INT64_MAX), error: 'value out of range' }
  if (value < INT64_MIN) return { value: Number(INT64_MIN), error: 'value out of range' }
  return { value: Number(value), error: null }
}

/** The number, or null wherever Go reports an error (callers that check `err`). */
export function goAtoi(text: string | null | undefined): number | null {
  const parsed = parseGoInt(text)
  return parsed.error === null ? parsed.value : null
}

/** `n, _ := strconv.Atoi(s)`: 0 for junk, the clamped value when out of range. */
export function goAtoiIgnoringError(text: string | null | undefined): number {
  return parseGoInt(text).value
}

/** Go's error text, as `common.ApiError(c, err)` sends it. */
export function atoiErrorText(text: string, error: string): string {
  return `strconv.Atoi: parsing ${JSON.stringify(text)}: ${error}`
}
