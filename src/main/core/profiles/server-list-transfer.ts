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
import { AppError } from '@shared/result'
import type { EventBus } from '../event-bus'
import type { Logger } from '../logger'
import { freeName } from './profile-names'
import type { ProfileStore } from './profile-store'

// Export and import of the server list. An export holds no secret. An imported server arrives without
// its access token (another machine's keychain is not ours): it shows "access token needed" until the
// user enters it, which verifies it like an edit does. Servers already saved (same base URL and user id)
// are recognised and not imported twice.

export interface TransferDeps {
  store: ProfileStore
  events: EventBus
  logger: Logger
  now: () => number
}

const MAX_DOCUMENT_CHARS = 2_000_000

function parseDocument(text: string): { servers: unknown[] } {
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
      }))
    const document = {
      format: SERVER_LIST_FORMAT,
      version: SERVER_LIST_VERSION,
      exportedAt: new Date(this.deps.now()).toISOString(),
      servers,
    }
    return `${JSON.stringify(document, null, 2)}\n`
  }

  /** What importing the file would do, for the user to look at first. */
  preview(text: string): ImportPlan {
    const { valid, invalid } = this.read(text)
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
    }
  }

  /** Adds the file's servers that are not saved yet; answers the ids added (each needs its token). */
  async importList(text: string): Promise<string[]> {
    const { valid } = this.read(text)
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
          allowInsecureHttp: false,
          production: server.production,
          multiGroup: server.multiGroup,
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
    return added
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
    return { valid, invalid }
  }
}
