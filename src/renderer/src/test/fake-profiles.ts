import type { TokenDeskApi } from '@shared/contract/bridge-api'
import type { ChannelName, EventName } from '@shared/contract/channel-names'
import type { EventPayload } from '@shared/contract/contract'
import type { Profile } from '@shared/domain/profile'
import { parseBaseUrl } from '@shared/domain/server-address'
import { DEFAULT_SERVER_FACTS } from '@shared/domain/server-facts'
import type { Token } from '@shared/domain/token'
import { fail, ok, type AppErrorData } from '@shared/result'
import type { createFakeTemplateImport } from './fake-templates'

// The saved-server calls of the fake bridge (fake-api.ts): like main, names are unique, edits answer
// with the saved profile, and every change is announced with `profiles.changed`.

export function makeProfile(overrides: Partial<Profile> = {}): Profile {
  return {
    id: 'p1',
    name: 'Main gateway',
    baseUrl: 'https://gw.example.com',
    userId: 7,
    createdAt: 1_700_000_000_000,
    username: 'alice',
    server: { ...DEFAULT_SERVER_FACTS, systemName: 'New API', version: 'v0.9.0' },
    features: null,
    pacing: null,
    watch: null,
    allowInsecureHttp: false,
    production: false,
    multiGroup: false,
    groupListSeen: false,
    demo: false,
    accessTokenSetAt: 1_700_000_000_000,
    ...overrides,
  }
}

export interface FakeProfilesDeps {
  profiles: Profile[]
  active: { id: string | null }
  tokens: Record<string, Token[]>
  record: (channel: ChannelName, input: unknown) => AppErrorData | undefined
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void
  /** The template half of an import (fake-templates.ts). */
  templateImport: ReturnType<typeof createFakeTemplateImport>
}

export function createFakeProfiles(deps: FakeProfilesDeps): TokenDeskApi['profiles'] {
  const { profiles, active, record, emit } = deps
  let nextProfile = profiles.length + 1
  const state = () => ({ profiles: structuredClone(profiles), activeId: active.id })
  const changed = () => emit('profiles.changed', state())
  const taken = (name: string, except?: string) =>
    profiles.some((p) => p.id !== except && p.name.toLowerCase() === name.trim().toLowerCase())
  const nameTaken = () =>
    fail('validation', 'name taken', { fields: [{ path: 'name', key: 'profileName.taken' }] })
  const address = (baseUrl: string, allowInsecureHttp?: boolean) => {
    const url = parseBaseUrl(baseUrl, allowInsecureHttp ?? false)
    return url.ok ? url.url : baseUrl
  }

  return {
    list: async (input) => {
      const f = record('profiles.list', input)
      return f ? { ok: false, error: f } : ok(state())
    },
    add: async (input) => {
      const f = record('profiles.add', { ...input, accessToken: '<redacted>' })
      if (f) return { ok: false, error: f }
      if (taken(input.name)) return nameTaken()
      const profile = makeProfile({
        id: `p${nextProfile++}`,
        name: input.name.trim(),
        baseUrl: address(input.baseUrl, input.allowInsecureHttp),
        userId: Number(input.userId),
        production: input.production ?? false,
        allowInsecureHttp: input.allowInsecureHttp ?? false,
      })
      profiles.push(profile)
      deps.tokens[profile.id] = []
      active.id ??= profile.id
      changed()
      return ok(profile)
    },
    update: async (input) => {
      const f = record('profiles.update', {
        ...input,
        accessToken: input.accessToken ? '<redacted>' : undefined,
      })
      if (f) return { ok: false, error: f }
      const profile = profiles.find((p) => p.id === input.id)
      if (!profile) return fail('not-found', 'no such profile')
      if (taken(input.name, input.id)) return nameTaken()
      Object.assign(profile, {
        name: input.name.trim(),
        baseUrl: address(input.baseUrl, input.allowInsecureHttp),
        userId: Number(input.userId),
        production: input.production ?? false,
        allowInsecureHttp: input.allowInsecureHttp ?? false,
        ...(input.accessToken ? { accessTokenSetAt: Date.now() } : {}),
      })
      changed()
      return ok(structuredClone(profile))
    },
    duplicate: async (input) => {
      const f = record('profiles.duplicate', input)
      if (f) return { ok: false, error: f }
      const original = profiles.find((p) => p.id === input.id)
      if (!original) return fail('not-found', 'no such profile')
      let n = 2
      while (taken(`${original.name} (${n})`)) n += 1
      const copy = { ...structuredClone(original), id: `p${nextProfile++}`, name: `${original.name} (${n})` }
      profiles.splice(profiles.indexOf(original) + 1, 0, copy)
      deps.tokens[copy.id] = []
      changed()
      return ok(structuredClone(copy))
    },
    reorder: async (input) => {
      const f = record('profiles.reorder', input)
      if (f) return { ok: false, error: f }
      profiles.sort((a, b) => input.ids.indexOf(a.id) - input.ids.indexOf(b.id))
      changed()
      return ok(state())
    },
    test: async (input) => {
      const f = record('profiles.test', {
        ...input,
        accessToken: input.accessToken ? '<redacted>' : undefined,
      })
      if (f) return { ok: false, error: f }
      return ok({
        server: { ...DEFAULT_SERVER_FACTS, systemName: 'New API', version: 'v0.9.0' },
        user: {
          id: Number(input.userId),
          username: 'alice',
          displayName: 'Alice',
          role: 10,
          group: 'default',
          quota: 50_000_000,
        },
        checkedAt: Date.now(),
      })
    },
    remove: async (input) => {
      const f = record('profiles.remove', input)
      if (f) return { ok: false, error: f }
      const index = profiles.findIndex((p) => p.id === input.id)
      if (index < 0) return fail('not-found', 'no such profile')
      profiles.splice(index, 1)
      if (active.id === input.id) active.id = profiles[0]?.id ?? null
      changed()
      return ok({ keychainCleared: true })
    },
    select: async (input) => {
      const f = record('profiles.select', input)
      if (f) return { ok: false, error: f }
      if (!profiles.some((p) => p.id === input.id)) return fail('not-found', 'no such profile')
      active.id = input.id
      return ok(state())
    },
    setPacing: async (input) => {
      const f = record('profiles.setPacing', input)
      if (f) return { ok: false, error: f }
      const profile = profiles.find((p) => p.id === input.id)
      if (!profile) return fail('not-found', 'no such profile')
      profile.pacing = input.pacing
      changed()
      return ok(structuredClone(profile))
    },
    setWatch: async (input) => {
      const f = record('profiles.setWatch', input)
      if (f) return { ok: false, error: f }
      const profile = profiles.find((p) => p.id === input.id)
      if (!profile) return fail('not-found', 'no such profile')
      profile.watch = input.watch
      changed()
      return ok(structuredClone(profile))
    },
    export: async (input) => {
      const f = record('profiles.export', input)
      if (f) return { ok: false, error: f }
      return ok({
        text: JSON.stringify({ format: 'tokendesk.servers', servers: profiles.map((p) => p.name) }),
      })
    },
    importPreview: async (input) => {
      const f = record('profiles.importPreview', input)
      if (f) return { ok: false, error: f }
      return ok({ candidates: [], invalid: [], templates: deps.templateImport.plan(input.text) })
    },
    import: async (input) => {
      const f = record('profiles.import', input)
      if (f) return { ok: false, error: f }
      return ok({
        added: [],
        templates: deps.templateImport.apply(input.text, input.sameNameTemplates ?? 'skip'),
      })
    },
  }
}
