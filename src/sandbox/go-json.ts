// How Go's encoding/json (which gin's ShouldBindJSON uses in new-api: no jsoniter/sonic build tags)
// fills a typed struct field from a JSON value, and the error text it reports when the types disagree.
// JSON null leaves a field at its zero value.

export type GoType = 'int' | 'int64' | 'string' | 'bool' | '*string' | '[]string'

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'boolean') return 'bool'
  if (typeof value === 'number') return 'number'
  return typeof value
}

export function fitsGoType(value: unknown, type: GoType): boolean {
  if (value === null) return true
  switch (type) {
    case 'int':
    case 'int64':
      return typeof value === 'number' && Number.isInteger(value)
    case 'string':
    case '*string':
      return typeof value === 'string'
    case 'bool':
      return typeof value === 'boolean'
    case '[]string':
      return Array.isArray(value) && value.every((item) => typeof item === 'string')
  }
}

/**
 * UnmarshalTypeError.Error(): `json: cannot unmarshal <kind> into Go struct field <Struct>.<field> of
 * type <type>`. A number names its literal only when the target is a number type it does not fit (1.5
 * into an int); a pointer is dereferenced before the check, so `*string` reads `string`; a wrong element
 * of a list names the element type.
 */
export function goTypeError(structName: string, field: string, value: unknown, type: GoType): string {
  const numeric = type === 'int' || type === 'int64'
  if (type === '[]string' && Array.isArray(value)) {
    const bad = value.find((item) => typeof item !== 'string')
    return `json: cannot unmarshal ${jsonKind(bad)} into Go struct field ${structName}.${field} of type string`
  }
  const kind = numeric && typeof value === 'number' ? `number ${value}` : jsonKind(value)
  const shown = type === '*string' ? 'string' : type
  return `json: cannot unmarshal ${kind} into Go struct field ${structName}.${field} of type ${shown}`
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
