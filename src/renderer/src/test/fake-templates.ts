import type { TokenDeskApi } from '@shared/contract/bridge-api'
import type { ChannelName, EventName } from '@shared/contract/channel-names'
import type { EventPayload } from '@shared/contract/contract'
import { fieldIssuesOf } from '@shared/domain/field-issues'
import type { SameNameChoice } from '@shared/contract/template-contract'
import type { ImportPlan } from '@shared/domain/server-list-document'
import {
  templateBodySchema,
  templateSaveSchema,
  type TemplateBody,
  type TokenTemplate,
} from '@shared/domain/token-template'
import { fail, ok, type AppErrorData } from '@shared/result'

// The template calls of the fake bridge (fake-api.ts): like main, input is parsed with the contract's
// schema (field issues as main reports them), names are unique as a person reads them, and every change
// is announced with `templates.changed`.

export interface FakeTemplatesDeps {
  templates: TokenTemplate[]
  record: (channel: ChannelName, input: unknown) => AppErrorData | undefined
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void
}

const comparable = (name: string) => name.normalize('NFKC').trim().toLocaleLowerCase()

export function createFakeTemplates(deps: FakeTemplatesDeps): TokenDeskApi['templates'] {
  const { templates, record, emit } = deps
  let next = templates.length + 1
  const state = () => ({ templates: structuredClone(templates) })
  const changed = () => emit('templates.changed', state())
  const taken = (name: string, except: string | null) =>
    templates.some((t) => t.id !== except && comparable(t.name) === comparable(name))
  const notFound = () => fail('not-found', 'No such template.')

  return {
    list: async (input) => {
      const f = record('templates.list', input)
      return f ? { ok: false, error: f } : ok(state())
    },
    save: async (input) => {
      const f = record('templates.save', input)
      if (f) return { ok: false, error: f }
      const parsed = templateSaveSchema.safeParse(input)
      if (!parsed.success)
        return fail('validation', 'Some fields are not valid.', { fields: fieldIssuesOf(parsed.error) })
      const { id, ...body } = parsed.data
      if (taken(body.name, id))
        return fail('validation', 'name taken', { fields: [{ path: 'name', key: 'templateName.taken' }] })
      const at = templates.findIndex((t) => t.id === id)
      if (id !== null && at < 0) return notFound()
      const template: TokenTemplate = { ...body, id: id ?? `t${next++}` }
      if (at >= 0) templates[at] = template
      else templates.push(template)
      changed()
      return ok(structuredClone(template))
    },
    delete: async (input) => {
      const f = record('templates.delete', input)
      if (f) return { ok: false, error: f }
      const at = templates.findIndex((t) => t.id === input.id)
      if (at < 0) return notFound()
      templates.splice(at, 1)
      changed()
      return ok(null)
    },
    duplicate: async (input) => {
      const f = record('templates.duplicate', input)
      if (f) return { ok: false, error: f }
      const at = templates.findIndex((t) => t.id === input.id)
      const original = templates[at]
      if (!original) return notFound()
      let n = 2
      while (taken(`${original.name} (${n})`, null)) n += 1
      const copy = { ...structuredClone(original), id: `t${next++}`, name: `${original.name} (${n})` }
      templates.splice(at + 1, 0, copy)
      changed()
      return ok(structuredClone(copy))
    },
  }
}

/**
 * The template half of a server-list import (the fake's `profiles.importPreview` / `profiles.import`):
 * like main, the file's first template of each name counts, and one named like a saved template is
 * skipped, replaces it (keeping its id) or is added as "name (2)".
 */
export function createFakeTemplateImport(deps: Omit<FakeTemplatesDeps, 'record'>) {
  const { templates, emit } = deps
  let next = 1
  const twinOf = (name: string) => templates.find((t) => comparable(t.name) === comparable(name))
  function read(text: string) {
    const document = JSON.parse(text) as { templates?: unknown }
    const entries = Array.isArray(document.templates) ? document.templates : []
    const valid: TemplateBody[] = []
    const invalid: ImportPlan['invalid'] = []
    entries.forEach((entry, index) => {
      const parsed = templateBodySchema.safeParse(entry)
      const issue = parsed.success ? undefined : fieldIssuesOf(parsed.error)[0]
      if (!parsed.success) invalid.push({ index, key: issue?.key ?? 'invalid', params: issue?.params })
      else if (!valid.some((kept) => comparable(kept.name) === comparable(parsed.data.name)))
        valid.push(parsed.data)
    })
    return { valid, invalid }
  }
  return {
    plan(text: string): ImportPlan['templates'] {
      const { valid, invalid } = read(text)
      return {
        candidates: valid.map((body) => ({ name: body.name, sameNameAs: twinOf(body.name)?.id ?? null })),
        invalid,
      }
    },
    apply(text: string, choice: SameNameChoice) {
      const result = { added: [] as string[], replaced: [] as string[] }
      for (const body of read(text).valid) {
        const twin = twinOf(body.name)
        if (twin && choice === 'skip') continue
        if (twin && choice === 'replace') {
          templates[templates.indexOf(twin)] = { ...body, id: twin.id }
          result.replaced.push(twin.id)
          continue
        }
        let name = body.name
        for (let n = 2; twinOf(name); n += 1) name = `${body.name} (${n})`
        const id = `imported-${next++}`
        templates.push({ ...body, id, name })
        result.added.push(id)
      }
      emit('templates.changed', { templates: structuredClone(templates) })
      return result
    },
  }
}
