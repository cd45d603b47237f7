import type { z } from 'zod'

// The field names an input schema reads at its top level, found by walking zod's definitions through
// wrappers (pipe/transform, optional, default, union, intersection…). The fuzz test builds objects with
// these names so that malformed values reach each field's own check, not only the top-level type check.

interface Def {
  type: string
  shape?: Record<string, unknown>
  in?: z.ZodType
  innerType?: z.ZodType
  options?: z.ZodType[]
  left?: z.ZodType
  right?: z.ZodType
  getter?: () => z.ZodType
}

export function inputKeysOf(schema: z.ZodType): string[] {
  const keys = new Set<string>()
  const seen = new Set<z.ZodType>()
  const walk = (node: z.ZodType | undefined): void => {
    if (!node || seen.has(node)) return
    seen.add(node)
    const def = (node as unknown as { _zod: { def: Def } })._zod.def
    if (def.shape) for (const key of Object.keys(def.shape)) keys.add(key)
    walk(def.in)
    walk(def.innerType)
    walk(def.left)
    walk(def.right)
    for (const option of def.options ?? []) walk(option)
    if (def.type === 'lazy' && def.getter) walk(def.getter())
  }
  walk(schema)
  return [...keys].sort()
}
