import { isSafeNumber, LosslessNumber, parse, stringify } from 'lossless-json'

// JSON for the gateway, exact for integers JavaScript cannot hold. Forks add fields TokenDesk does not
// interpret (docs/newapi-behaviour.md §4) and a full update must send them back unchanged; Go marshals int64
// up to 2^63, so a fork's 19-digit id would come back rounded through JSON.parse and overwrite the row.
//
// Decision: safe numbers stay plain numbers (the zod schemas keep working; a field the client *does*
// interpret that exceeds 2^53 fails its schema and becomes `bad-response`, which is right). Integers
// beyond 2^53 become an ExactNumber, which lives only inside main: the gateway serialiser writes its
// digits back verbatim, and anything else that serialises it (the web host's JSON, a log line, a file)
// gets its digits as a string — never a rounded number and never a half-object. For the Electron IPC
// bridge (structured clone ignores toJSON) `toPlainData` does the same explicitly. Floats are always
// plain numbers: no server field needs more than double precision.

/** An integer beyond 2^53 kept as its exact decimal digits. */
export class ExactNumber extends LosslessNumber {
  /** Outside the gateway serialiser, the exact digits as a string (see the decision above). */
  toJSON(): string {
    return this.value
  }
}

export const isExactNumber = (value: unknown): value is ExactNumber => value instanceof ExactNumber

function parseNumber(text: string): number | ExactNumber {
  // lossless-json hands every number over as its source text.
  if (isSafeNumber(text) || !/^-?\d+$/.test(text)) return Number(text)
  return new ExactNumber(text)
}

/** Sixteen or more digits in a row is the only way text can hold an integer beyond 2^53. */
const LONG_DIGITS = /\d{16}/

/** Parses a response body; throws SyntaxError like JSON.parse. */
export function parseExactJson(text: string): unknown {
  // JSON.parse is exact when no number has 16+ digits, and much faster on a 1000-token list.
  if (!LONG_DIGITS.test(text)) return JSON.parse(text) as unknown
  return parse(text, null, {
    parseNumber,
    // Go never writes a key twice; if a fork does, keep the last one as JSON.parse would.
    onDuplicateKey: ({ newValue }) => newValue,
  })
}

/**
 * Serialises a request body or a data file: ExactNumbers go out as the digits they came in as. Native
 * JSON.stringify is tried first (twenty times faster on a 1000-token list); it sees an ExactNumber only
 * through its holder, and when one turns up lossless-json writes the whole value instead.
 */
export function stringifyExactJson(value: unknown, space?: number): string {
  let exact = false
  const text = JSON.stringify(
    value,
    function (this: Record<string, unknown>, key: string, item: unknown) {
      if (!exact && isExactNumber(this[key])) exact = true
      return item
    },
    space,
  )
  if (!exact) return text ?? 'null'
  return stringify(value, null, space) ?? 'null'
}

/** A deep copy where every ExactNumber is its digit string: plain data for any bridge or store. */
export function toPlainData<T>(value: T): T {
  if (isExactNumber(value)) return value.value as T
  if (Array.isArray(value)) return value.map((item: unknown) => toPlainData(item)) as T
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const copy: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) copy[key] = toPlainData(item)
    return copy as T
  }
  return value
}
