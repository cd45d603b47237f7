import { join } from 'node:path'
import { z } from 'zod'
import type { TemplatesState } from '@shared/contract/template-contract'
import { tokenTemplateSchema, type TokenTemplate } from '@shared/domain/token-template'
import { nameKey } from '../profiles/profile-names'
import { JsonFile, type JsonDocument, type JsonFileDeps } from '../storage/json-file'

// templates.json: the token templates, beside settings.json in the data folder and written the same way
// (json-file.ts: atomic, durable, the last good copy kept). One unreadable template does not cost the
// others: the file is salvaged template by template, and json-file.ts reports what was left out.

export const TEMPLATES_FILE = 'templates.json'

const distinct = (templates: readonly TokenTemplate[]) =>
  new Set(templates.map((template) => template.id)).size === templates.length &&
  new Set(templates.map((template) => nameKey(template.name))).size === templates.length

const templatesFileSchema = z
  .object({ templates: z.array(tokenTemplateSchema) })
  .refine((state) => distinct(state.templates))

export const templatesDocument: JsonDocument<TemplatesState> = {
  schema: templatesFileSchema,
  empty: () => ({ templates: [] }),
  salvage: (raw) => {
    const list = (raw as { templates?: unknown } | null)?.templates
    if (!Array.isArray(list)) return null
    const templates: TokenTemplate[] = []
    for (const item of list) {
      const parsed = tokenTemplateSchema.safeParse(item)
      // A twin (same id or name, e.g. from a hand edit) would make "the template called X" ambiguous.
      if (parsed.success && distinct([...templates, parsed.data])) templates.push(parsed.data)
    }
    return { value: { templates }, dropped: list.length - templates.length }
  },
}

export class TemplateStore {
  private constructor(private readonly file: JsonFile<TemplatesState>) {}

  static async open(deps: JsonFileDeps): Promise<TemplateStore> {
    return new TemplateStore(await JsonFile.open(join(deps.root, TEMPLATES_FILE), templatesDocument, deps))
  }

  snapshot(): TemplatesState {
    return structuredClone(this.file.value)
  }

  find(id: string): TokenTemplate | undefined {
    return this.file.value.templates.find((template) => template.id === id)
  }

  /** Applies a change on the state the previous one left, and saves it (one at a time, in order). */
  async update(change: (draft: TemplatesState) => void): Promise<TemplatesState> {
    const saved = await this.file.update((current) => {
      const draft = structuredClone(current)
      change(draft)
      return draft
    })
    return structuredClone(saved)
  }
}
