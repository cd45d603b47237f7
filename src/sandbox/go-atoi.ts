// Go's strconv.Atoi, which the server uses for ids, page numbers and the New-Api-User header: an
// optional sign and decimal digits only — no spaces, no decimals, no hex. Returns null where Go errors.

const INT64_MAX = 9223372036854775807n

export function goAtoi(text: string | null | undefined): number | null {
  if (text == null || !/^[+-]?\d+$/.test(text)) return null
  const value = BigInt(text)
  if (value > INT64_MAX || value < -INT64_MAX - 1n) return null
  return Number(value)
}
