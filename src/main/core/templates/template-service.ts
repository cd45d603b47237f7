import { randomUUID } from 'node:crypto'
import type { SameNameChoice, TemplatesState } from '@shared/contract/template-contract'
import {
  MAX_TEMPLATES,
  TEMPLATE_NAME_MAX,
  type TemplateBody,
  type TemplateSave,
  type TokenTemplate,
} from '@shared/domain/token-template'
import { AppError } from '@shared/result'
import type { EventBus } from '../event-bus'
import type { Logger } from '../logger'
import { freeName, isNameTaken } from '../profiles/profile-names'
import type { TemplateStore } from './template-store'

// The token templates: create, edit, duplicate, delete, and the import of a server list's templates.
// Names are unique as server names are (case, width and surrounding spaces do not make a name new);
// every check runs inside the store's queued update, so two saves at once cannot both take one name.
// Every change is announced with `templates.changed`.

export interface TemplateServiceDeps {
  store: TemplateStore
  events: EventBus
  logger: Logger
}

export interface TemplateImport {
  added: string[]
  replaced: string[]
}

const nameTaken = (name: string) =>
  new AppError('validation', `Another template is already called "${name}".`, {
    fields: [{ path: 'name', key: 'templateName.taken' }],
  })

const tooMany = () =>
  new AppError('validation', `TokenDesk keeps at most ${MAX_TEMPLATES} templates.`, {
    fields: [{ path: 'name', key: 'templateName.tooMany', params: { max: MAX_TEMPLATES } }],
  })

const notFound = () => new AppError('not-found', 'No such template. It may have been deleted.')

const namesOf = (state: TemplatesState, except?: string) =>
  state.templates.filter((template) => template.id !== except).map((template) => template.name)

export class TemplateService {
  constructor(private readonly deps: TemplateServiceDeps) {}

  list(): TemplatesState {
    return this.deps.store.snapshot()
  }

  /** Creates (id null) or replaces a template, all its fields at once. */
  async save(input: TemplateSave): Promise<TokenTemplate> {
    const { id, ...body } = input
    const template: TokenTemplate = { ...body, id: id ?? randomUUID() }
    await this.change((draft) => {
      if (isNameTaken(template.name, namesOf(draft, template.id))) throw nameTaken(template.name)
      const at = draft.templates.findIndex((saved) => saved.id === template.id)
      if (id !== null && at < 0) throw notFound()
      if (at >= 0) draft.templates[at] = template
      else if (draft.templates.length >= MAX_TEMPLATES) throw tooMany()
      else draft.templates.push(template)
    })
    this.deps.logger.info({ templateId: template.id, created: id === null }, 'template saved')
    return template
  }

  async remove(id: string): Promise<void> {
    await this.change((draft) => {
      const at = draft.templates.findIndex((template) => template.id === id)
      if (at < 0) throw notFound()
      draft.templates.splice(at, 1)
    })
    this.deps.logger.info({ templateId: id }, 'template deleted')
  }

  /** A copy under the first free name ("Team A (2)"), right after the original. */
  async duplicate(id: string): Promise<TokenTemplate> {
    let copy: TokenTemplate | null = null
    await this.change((draft) => {
      const at = draft.templates.findIndex((template) => template.id === id)
      const original = draft.templates[at]
      if (!original) throw notFound()
      if (draft.templates.length >= MAX_TEMPLATES) throw tooMany()
      copy = {
        ...structuredClone(original),
        id: randomUUID(),
        name: freeName(original.name, namesOf(draft), TEMPLATE_NAME_MAX),
      }
      draft.templates.splice(at + 1, 0, copy)
    })
    return copy!
  }

  /** The templates as a server list carries them: name and fields (ids are this machine's own). */
  exported(): TemplateBody[] {
    return this.deps.store.snapshot().templates.map(({ id: _id, ...body }) => body)
  }

  /** The saved template a template of a file would meet by name, if any. */
  sameNameAs(name: string): string | null {
    return this.list().templates.find((saved) => isNameTaken(name, [saved.name]))?.id ?? null
  }

  /**
   * Adds a file's templates. One named like a saved template is skipped, replaces it (keeping its id,
   * so nothing that refers to it breaks), or is added under a free name ("Team A (2)"), as the user chose.
   */
  async importMany(bodies: readonly TemplateBody[], choice: SameNameChoice): Promise<TemplateImport> {
    const result: TemplateImport = { added: [], replaced: [] }
    if (bodies.length === 0) return result
    await this.change((draft) => {
      for (const body of bodies) {
        const twin = draft.templates.find((saved) => isNameTaken(body.name, [saved.name]))
        if (twin && choice === 'skip') continue
        if (twin && choice === 'replace') {
          draft.templates[draft.templates.indexOf(twin)] = { ...structuredClone(body), id: twin.id }
          result.replaced.push(twin.id)
          continue
        }
        if (draft.templates.length >= MAX_TEMPLATES) throw tooMany()
        const id = randomUUID()
        draft.templates.push({
          ...structuredClone(body),
          id,
          name: freeName(body.name, namesOf(draft), TEMPLATE_NAME_MAX),
        })
        result.added.push(id)
      }
    })
    this.deps.logger.info(
      { added: result.added.length, replaced: result.replaced.length },
      'templates imported',
    )
    return result
  }

  private async change(change: (draft: TemplatesState) => void): Promise<void> {
    const state = await this.deps.store.update(change)
    this.deps.events.emit('templates.changed', state)
  }
}
