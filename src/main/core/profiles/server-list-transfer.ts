import { randomUUID } from 'node:crypto'
import { DEFAULT_SERVER_FACTS } from '@shared/domain/server-facts'
import type { Profile } from '@shared/domain/profile'
import {
  exportedServerSchema,
  serverListDocumentSchema,
  SERVER_LIST_FORMAT,
  SERVER_LIST_VERSION,
  type ExportedServer,
  type ImportPlan,
} from '@shared/domain/server-list-document'
import { fieldIssuesOf } from '@shared/domain/field-issues'
import { templateBodySchema, type TemplateBody } from '@shared/domain/token-template'
import type { SameNameChoice } from '@shared/contract/template-contract'
import { AppError } from '@shared/result'
import type { EventBus } from '../event-bus'
import type { Logger } from '../logger'
import type { TemplateImport, TemplateService } from '../templates/template-service'
import { freeName, isNameTaken } from './profile-names'
import type { ProfileStore } from './profile-store'

// Export and import of the server list. An export holds no secret. An imported server arrives without
// its access token (another machine's keychain is not ours): it shows "access token needed" until the
// user enters it, which verifies it like an edit does. Servers already saved (same base URL and user id)
// are recognised and not imported twice. The token templates travel with the list: one named like a saved
// template is skipped (as a saved server is), replaces it, or is kept as well — the user chooses.

export interface TransferDeps {
  store: ProfileStore
  templates: TemplateService
  events: EventBus
  logger: Logger
  now: () => number
}

const MAX_DOCUMENT_CHARS = 2_000_000

function parseDocument(text: string): { servers: unknown[]; templates: unknown[] } {
  if (text.length > MAX_DOCUMENT_CHARS) throw notAServerList('too large')
  let raw: unknown
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch {
    throw notAServerList('not JSON')
  }
  const parsed = serverListDocumentSchema.safeParse(raw)
  if (!parsed.success) throw notAServerList('not a TokenDesk server list')
  return parsed.data
}

function notAServerList(why: string): AppError {
  return new AppError('validation', `This file is not a TokenDesk server list (${why}).`, {
    fields: [{ path: 'file', key: 'serverList.invalid' }],
  })
}

const sameServer = (a: { baseUrl: string; userId: number }, b: { baseUrl: string; userId: number }) =>
  a.baseUrl === b.baseUrl && a.userId === b.userId

export class ServerListTransfer {
  constructor(private readonly deps: TransferDeps) {}

  /** The saved servers as a document (the demo server is TokenDesk's own and stays out). */
  exportList(): string {
    const servers: ExportedServer[] = this.deps.store
      .snapshot()
      .profiles.filter((profile) => !profile.demo)
      .map((profile) => ({
        name: profile.name,
        baseUrl: profile.baseUrl,
        userId: profile.userId,
        production: profile.production,
        multiGroup: profile.multiGroup,
        pacing: profile.pacing,
        watch: profile.watch,
      }))
    const document = {
      format: SERVER_LIST_FORMAT,
      version: SERVER_LIST_VERSION,
      exportedAt: new Date(this.deps.now()).toISOString(),
      servers,
      templates: this.deps.templates.exported(),
    }
    return `${JSON.stringify(document, null, 2)}\n`
  }

  /** What importing the file would do, for the user to look at first. */
  preview(text: string): ImportPlan {
    const { valid, invalid, templates } = this.read(text)
    const saved = this.deps.store.snapshot().profiles
    return {
      candidates: valid.map((server) => ({
        name: server.name,
        baseUrl: server.baseUrl,
        userId: server.userId,
        production: server.production,
        duplicateOf: saved.find((profile) => !profile.demo && sameServer(profile, server))?.id ?? null,
      })),
      invalid,
      templates: {
        candidates: templates.valid.map((template) => ({
          name: template.name,
          sameNameAs: this.deps.templates.sameNameAs(template.name),
        })),
        invalid: templates.invalid,
      },
    }
  }

  /**
   * Adds the file's servers that are not saved yet (each then needs its token), then its templates as
   * `sameName` says; answers the ids added. Two files are written one after the other: importing the
   * same list again after a crash between them adds only what is missing.
   */
  async importList(
    text: string,
    sameName: SameNameChoice,
  ): Promise<{ added: string[]; templates: TemplateImport }> {
    const { valid, templates } = this.read(text)
    const added: string[] = []
    const state = await this.deps.store.update((draft) => {
      for (const server of valid) {
        if (draft.profiles.some((profile) => !profile.demo && sameServer(profile, server))) continue
        const profile: Profile = {
          id: randomUUID(),
          name: freeName(
            server.name,
            draft.profiles.map((saved) => saved.name),
          ),
          baseUrl: server.baseUrl,
          userId: server.userId,
          createdAt: this.deps.now(),
          username: null,
          server: DEFAULT_SERVER_FACTS,
          features: null,
          pacing: server.pacing,
          watch: server.watch,
          allowInsecureHttp: false,
          production: server.production,
          multiGroup: server.multiGroup,
          groupListSeen: false,
          demo: false,
          accessTokenSetAt: null,
        }
        draft.profiles.push(profile)
        draft.activeId ??= profile.id
        added.push(profile.id)
      }
    })
    this.deps.events.emit('profiles.changed', state)
    this.deps.logger.info({ added: added.length }, 'server list imported')
    return { added, templates: await this.deps.templates.importMany(templates.valid, sameName) }
  }

  private read(text: string) {
    const document = parseDocument(text)
    const valid: ExportedServer[] = []
    const invalid: ImportPlan['invalid'] = []
    document.servers.forEach((entry, index) => {
      const parsed = exportedServerSchema.safeParse(entry)
      if (parsed.success) {
        if (!valid.some((kept) => sameServer(kept, parsed.data))) valid.push(parsed.data)
      } else invalid.push({ index, key: parsed.error.issues[0]?.message ?? 'invalid' })
    })
    return { valid, invalid, templates: readTemplates(document.templates) }
  }
}

/** The file's valid templates (the first of each name) and the invalid ones with their first problem. */
function readTemplates(entries: readonly unknown[]) {
  const valid: TemplateBody[] = []
  const invalid: ImportPlan['invalid'] = []
  entries.forEach((entry, index) => {
    const parsed = templateBodySchema.safeParse(entry)
    const issue = parsed.success ? undefined : fieldIssuesOf(parsed.error)[0]
    if (!parsed.success) invalid.push({ index, key: issue?.key ?? 'invalid', params: issue?.params })
    else if (
      !isNameTaken(
        parsed.data.name,
        valid.map((kept) => kept.name),
      )
    )
      valid.push(parsed.data)
  })
  return { valid, invalid }
}
