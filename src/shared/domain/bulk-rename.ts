import { z } from 'zod'

// Renaming many tokens by one pattern. Four ways, one per bulk change: put text before or after each
// name, replace every occurrence of a plain text (no regular expressions: an operator renaming 300 keys
// should not have to escape a dot), or build each name from a template whose placeholders are the
// token's own name and id and its 1-based position in the selection — `{n}` numbers a selection
// predictably ("team-{n}" → team-1, team-2, ...). The result is checked by the shared name rule later
// (bulk-apply.ts): too long or empty is an error for that token, not a silent cut.

export const RENAME_PLACEHOLDERS = ['name', 'id', 'n'] as const
export type RenamePlaceholder = (typeof RENAME_PLACEHOLDERS)[number]

/** Anything in braces; a brace pair that is not a known placeholder is refused (a typo such as `{nmae}`). */
const PLACEHOLDER = /\{([^{}]*)\}/g

const isPlaceholder = (word: string): word is RenamePlaceholder =>
  (RENAME_PLACEHOLDERS as readonly string[]).includes(word)

/** Brace pairs in `template` that are not placeholders, each once, in order. */
export function unknownPlaceholders(template: string): string[] {
  const words = [...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '')
  return [...new Set(words.filter((word) => !isPlaceholder(word)))]
}

const text = z.string().min(1, { message: 'bulk.textEmpty' })

const templateText = text.superRefine((template, ctx) => {
  const unknown = unknownPlaceholders(template)
  if (unknown.length > 0)
    ctx.addIssue({
      code: 'custom',
      message: 'bulk.placeholderUnknown',
      params: {
        placeholder: `{${unknown[0] ?? ''}}`,
        known: RENAME_PLACEHOLDERS.map((p) => `{${p}}`).join(' '),
      },
    })
})

export const bulkRenameSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('prefix'), text }).strict(),
  z.object({ mode: z.literal('suffix'), text }).strict(),
  /** Every occurrence of `find`, case-sensitive; `replace` may be empty (removes it). */
  z.object({ mode: z.literal('replace'), find: text, replace: z.string() }).strict(),
  z.object({ mode: z.literal('template'), template: templateText }).strict(),
])
export type BulkRename = z.output<typeof bulkRenameSchema>

/** The name `rename` gives a token at `position` (1-based) in the selection, before the name rule. */
export function renamed(token: { id: number; name: string }, rename: BulkRename, position: number): string {
  switch (rename.mode) {
    case 'prefix':
      return rename.text + token.name
    case 'suffix':
      return token.name + rename.text
    case 'replace':
      // split/join: String.replaceAll would read `$&` and friends in the replacement as patterns.
      return token.name.split(rename.find).join(rename.replace)
    case 'template': {
      const values: Record<RenamePlaceholder, string> = {
        name: token.name,
        id: String(token.id),
        n: String(position),
      }
      // One pass with a function: a name that itself contains `{n}` is not expanded again.
      return rename.template.replace(PLACEHOLDER, (whole, word: string) =>
        isPlaceholder(word) ? values[word] : whole,
      )
    }
  }
}
