import { isLosslessNumber, LosslessNumber, parse } from 'lossless-json'

// How Go's encoding/json (which gin's ShouldBindJSON uses in new-api: no jsoniter/sonic build tags)
// fills a typed struct field from a JSON value, and the error text it reports when the types disagree.
// JSON null leaves a field at its zero value. Go judges a number by its literal text — `1.0` and `1e2`
// do not fit an int, nor does a number beyond int64 — so bodies are read with every number kept as
// written (lossless-json).

export type GoType = 'int' | 'int64' | 'string' | 'bool' | '*string' | '[]string'

const INT64_MAX = 9223372036854775807n
const INT64_MIN = -INT64_MAX - 1n

/**
 * The body as Go's decoder sees it: numbers as LosslessNumber (their source text). A body with a
 * repeated key (lossless-json refuses those; Go keeps the last) falls back to the plain parse.
 */
export function parseJsonExactly(raw: string, parsed: unknown): unknown {
  try {
    return parse(raw)
  } catch {
    return keepNumbers(parsed)
  }
}

function keepNumbers(value: unknown): unknown {
  if (typeof value === 'number') return new LosslessNumber(String(value))
  if (Array.isArray(value)) return value.map(keepNumbers)
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, keepNumbers(item)]))
  return value
}

export function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array'
  if (isLosslessNumber(value)) return 'number'
  if (typeof value === 'boolean') return 'bool'
  if (value !== null && typeof value === 'object') return 'object'
  return typeof value
}

function isGoInt(value: unknown): value is LosslessNumber {
  if (!isLosslessNumber(value) || !/^-?\d+$/.test(value.value)) return false
  const big = BigInt(value.value)
  return big <= INT64_MAX && big >= INT64_MIN
}

/** A list element: a string, or null (which Go stores as ""). */
const fitsListItem = (item: unknown) => item === null || typeof item === 'string'

export function fitsGoType(value: unknown, type: GoType): boolean {
  if (value === null) return true
  switch (type) {
    case 'int':
    case 'int64':
      return isGoInt(value)
    case 'string':
    case '*string':
      return typeof value === 'string'
    case 'bool':
      return typeof value === 'boolean'
    case '[]string':
      return Array.isArray(value) && value.every(fitsListItem)
  }
}

/** The value a field of this type holds after a successful bind (null list items become ""). */
export function goValue(value: unknown, type: GoType): unknown {
  if (value === null) return goZero(type)
  if (type === 'int' || type === 'int64') return Number((value as LosslessNumber).value)
  if (type === '[]string') return (value as unknown[]).map((item) => item ?? '')
  return value
}

/**
 * UnmarshalTypeError.Error(): `json: cannot unmarshal <kind> into Go struct field <Struct>.<field> of
 * type <type>`. A number names its literal only when the target is a number type it does not fit (1.5
 * into an int); a pointer is dereferenced before the check, so `*string` reads `string`; a wrong element
 * of a list names the element type.
 */
export function goTypeError(structName: string, field: string, value: unknown, type: GoType): string {
  const at = `Go struct field ${structName}.${field}`
  if (type === '[]string' && Array.isArray(value)) {
    const bad = value.find((item) => !fitsListItem(item))
    return `json: cannot unmarshal ${jsonKind(bad)} into ${at} of type string`
  }
  const numeric = type === 'int' || type === 'int64'
  const kind = numeric && isLosslessNumber(value) ? `number ${value.value}` : jsonKind(value)
  const shown = type === '*string' ? 'string' : type
  return `json: cannot unmarshal ${kind} into ${at} of type ${shown}`
}

/** The zero value a struct field of this type starts with (nil slices and pointers are JSON null). */
export function goZero(type: GoType): unknown {
  switch (type) {
    case 'int':
    case 'int64':
      return 0
    case 'string':
      return ''
    case 'bool':
      return false
    case '*string':
    case '[]string':
      return null
  }
}
